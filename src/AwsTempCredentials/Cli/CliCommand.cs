using System.CommandLine;
using AwsTempCredentials.Hosting;

namespace AwsTempCredentials.Cli;

/// <summary>The root command: obtain credentials and print or write them.</summary>
internal static class CliCommand
{
    /// <summary>Parses the arguments and runs the command on the process's console.</summary>
    public static Task<int> RunAsync(
        string[] arguments, CancellationToken cancellationToken, Func<string, CancellationToken, Task<string>>? webIdentityTokenProvider = null) =>
        Create(Console.Out, Console.Error, Environment.GetEnvironmentVariable, Console.OpenStandardInput, webIdentityTokenProvider)
            .Parse(arguments)
            .InvokeAsync(new InvocationConfiguration { Output = Console.Out, Error = Console.Error }, cancellationToken);

    /// <param name="webIdentityTokenProvider">An OIDC token source the caller has (a CI platform's refresh), if any.</param>
    public static RootCommand Create(
        TextWriter stdout, TextWriter stderr, Func<string, string?> environment, Func<Stream> stdin,
        Func<string, CancellationToken, Task<string>>? webIdentityTokenProvider = null)
    {
        var cli = new CliOptions();
        var root = new RootCommand(
            "Get short-lived AWS credentials from IAM Roles Anywhere (X.509 certificate), an OIDC token (AssumeRoleWithWebIdentity), " +
            "access keys or existing credentials, optionally chaining into more roles, and print them or write an AWS profile.\n\n" +
            "Secrets (secret key, session token, passphrase) are read from env:NAME, file:PATH or - (stdin), never from the command line.\n" +
            "Exit codes: 0 ok, 1 unexpected, 2 invalid options, 3 bad key material, 4 denied by AWS, 5 service unreachable or throttled, " +
            "6 deadline exceeded, 7 account not allowed, 8 platform error.");
        cli.AddTo(root);
        root.SetAction(async (parse, cancellationToken) =>
        {
            var host = new CliHost(parse, cli, stdout, stderr, environment, stdin, webIdentityTokenProvider);
            try
            {
                CliHost.ParseFormat(parse.GetValue(cli.Output));
            }
            catch (Errors.CredentialException e)
            {
                host.Fail(e);
                return e.ExitCode;
            }

            return await CredentialHostRunner.RunAsync(host, cancellationToken);
        });
        return root;
    }
}
