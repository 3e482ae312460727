using System.CommandLine;
using System.CommandLine.Parsing;
using AwsTempCredentials.Broker;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;

namespace AwsTempCredentials.Cli;

/// <summary>The root command: obtain credentials and print or write them.</summary>
internal static class CliCommand
{
    public const string Name = "aws-temp-credentials";

    /// <summary>Parses the arguments and runs the command on the process's console.</summary>
    public static Task<int> RunAsync(
        string[] arguments, CancellationToken cancellationToken, WebIdentityTokenProvider? webIdentityTokenProvider = null) =>
        RunAsync(arguments, Console.Out, Console.Error, Environment.GetEnvironmentVariable, Console.OpenStandardInput, cancellationToken, webIdentityTokenProvider);

    public static async Task<int> RunAsync(
        string[] arguments, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, Func<Stream> stdin,
        CancellationToken cancellationToken, WebIdentityTokenProvider? webIdentityTokenProvider = null)
    {
        return await InvokeAsync(Create(stdout, stderr, environment, stdin, webIdentityTokenProvider), arguments, stdout, stderr, cancellationToken);
    }

    /// <summary>
    /// Parses and runs a command of this tool: a parse error is one line on stderr and exit 2 (stdout stays empty: it
    /// is what <c>eval "$(aws-temp-credentials …)"</c> runs); the parser installs no signal handlers of its own.
    /// </summary>
    public static async Task<int> InvokeAsync(RootCommand command, string[] arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // No response files: "@path" is a value like any other, never a file the parser reads.
        var parse = command.Parse(arguments, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            stderr.WriteLine($"{Name}: error: {ParseProblem(parse)}");
            stderr.WriteLine($"  hint: run '{Name} --help' for the options.");
            return ExitCodes.InvalidOptions;
        }

        // Signals are the caller's (Program): the parser must not install handlers of its own, nor print exceptions.
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        return await parse.InvokeAsync(invocation, cancellationToken);
    }

    /// <param name="webIdentityTokenProvider">An OIDC token source the caller has (a CI platform's refresh), if any.</param>
    public static RootCommand Create(
        TextWriter stdout, TextWriter stderr, Func<string, string?> environment, Func<Stream> stdin,
        WebIdentityTokenProvider? webIdentityTokenProvider = null)
    {
        var cli = new CliOptions();
        var root = new RootCommand(
            "Get short-lived AWS credentials from IAM Roles Anywhere (X.509 certificate), an OIDC token (AssumeRoleWithWebIdentity), " +
            "access keys or existing credentials, optionally chaining into more roles, and print them or write an AWS profile.\n\n" +
            "Secrets (secret key, session token, passphrase) are read from env:NAME, file:PATH or - (stdin), never from the command line.\n" +
            "Exit codes: 0 ok, 1 unexpected, 2 invalid options, 3 bad key material, 4 denied by AWS, 5 service unreachable or throttled, " +
            "6 deadline exceeded or cancelled, 7 account not allowed, 8 platform or file-system error.");
        cli.AddTo(root);
        root.SetAction(async (parse, cancellationToken) =>
        {
            var host = new CliHost(parse, cli, stdout, stderr, environment, stdin, webIdentityTokenProvider);
            return await CredentialHostRunner.RunAsync(host, cancellationToken);
        });
        return root;
    }

    /// <summary>One line naming the option at fault. Values are not repeated: a misplaced secret must not reach the log.</summary>
    private static string ParseProblem(ParseResult parse)
    {
        if (parse.UnmatchedTokens is [var token, ..])
        {
            return token.StartsWith('-')
                ? $"unknown option '{Printable(token.Split('=', ':')[0])}'."
                : "unexpected argument: every value belongs to an option (--name value); a value with spaces needs quotes.";
        }

        return parse.Errors[0].SymbolResult switch
        {
            OptionResult { Tokens.Count: 0 } option => $"option {option.Option.Name} needs a value.",
            OptionResult { Tokens.Count: > 1 } option => $"option {option.Option.Name} is given more than once.",
            OptionResult option => $"option {option.Option.Name} has a value it does not accept.",
            _ => "the command line could not be read.",
        };
    }

    private static string Printable(string text) =>
        new(text.Take(64).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
