using System.CommandLine;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Explain;
using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.Options;
using AwsTempCredentials.Reporting;

namespace AwsTempCredentials.Cli;

/// <summary>
/// <c>aws-temp-credentials explain [options]</c>: from the run's own inputs (the OIDC token, or the certificate and
/// chain) print what AWS must trust, and exit 0 without calling AWS. The private key is never read.
/// </summary>
internal static class ExplainCommand
{
    private static readonly string[] NotRead =
        [OptionNames.Certificate, OptionNames.PrivateKey, OptionNames.CertificateChain, OptionNames.PrivateKeyPassphrase, OptionNames.AwsSecretAccessKey, OptionNames.AwsSessionToken];

    public static Task<int> RunAsync(string[] arguments, CancellationToken cancellationToken) =>
        CliCommand.InvokeAsync(
            Create(Console.Out, Console.Error, Environment.GetEnvironmentVariable, Console.OpenStandardInput), arguments, Console.Out, Console.Error, cancellationToken);

    public static RootCommand Create(TextWriter stdout, TextWriter stderr, Func<string, string?> environment, Func<Stream> stdin, TimeProvider? clock = null)
    {
        var cli = new CliOptions();
        var output = new Option<string>("--output", "-o")
        {
            Description = "text (default), json, cloudformation (YAML template) or terraform.",
            HelpName = "format",
        };
        var root = new RootCommand(
            "explain: print what AWS must trust for this run — the IAM OIDC provider and role trust policy for the OIDC token, or the Roles Anywhere "
            + "trust anchor CA, profile and role trust for the certificate — from the same options as the run. Calls nothing at AWS; "
            + "never prints the token or reads the private key. Exit codes: 0 ok, 2 invalid options, 3 unreadable certificate.");
        // Every option of the run is accepted, so the same command line works with 'explain' in front; secrets and the key are never read.
        foreach (var option in cli.Canonical.Values)
        {
            root.Add(option);
        }

        root.Add(output);
        root.Add(cli.Verbose);
        root.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var format = ExplanationFormats.Parse(parse.GetValue(output), "output");
                var references = new SecretReference(environment, stdin);
                var options = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (name, option) in cli.Canonical)
                {
                    var reference = parse.GetValue(option);
                    var read = name == OptionNames.Pkcs11Pin
                        ? references.ReadSecretTextAsync(name, reference, cancellationToken)
                        : references.ReadTextAsync(name, reference, cancellationToken);
                    if (!NotRead.Contains(name) && await read is { } value)
                    {
                        options[name] = value;
                    }
                }

                var keys = new KeyMaterialInput(
                    await references.ReadBytesAsync(OptionNames.Certificate, parse.GetValue(cli.Canonical[OptionNames.Certificate]), cancellationToken),
                    null,
                    await references.ReadBytesAsync(OptionNames.CertificateChain, parse.GetValue(cli.Canonical[OptionNames.CertificateChain]), cancellationToken),
                    await references.ReadSecretTextAsync(OptionNames.PrivateKeyPassphrase, parse.GetValue(cli.Canonical[OptionNames.PrivateKeyPassphrase]), cancellationToken));
                var request = ExplainRequest.Parse(options, keys, ParseContext.Default);
                var explanation = await TrustExplainer.ExplainAsync(request, null, NullReporter.Instance, clock ?? TimeProvider.System, cancellationToken);
                await stdout.WriteAsync(ExplanationFormats.Render(explanation, format));
                await stdout.FlushAsync(cancellationToken);
                return ExitCodes.Success;
            }
            catch (CredentialException e)
            {
                await stderr.WriteLineAsync($"aws-temp-credentials: error: {e.Message}");
                if (e.Hint is { } hint)
                {
                    await stderr.WriteLineAsync($"  hint: {hint}");
                }

                return e.ExitCode;
            }
            catch (Exception e) when (e is not CredentialException)
            {
                var error = FailureTranslator.Translate(e, cancellationToken.IsCancellationRequested);
                await stderr.WriteLineAsync($"aws-temp-credentials: error: {error.Message}\n  hint: {error.Hint}");
                return error.ExitCode;
            }
        });
        return root;
    }
}
