using System.CommandLine;
using AwsTempCredentials.Broker;
using AwsTempCredentials.Credentials;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;
using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.Options;
using AwsTempCredentials.Output;

namespace AwsTempCredentials.Cli;

/// <summary>
/// The plain command-line host (any CI, a laptop, <c>credential_process</c>): options from flags, secrets from
/// env:/file:/stdin, credentials on stdout in the chosen format, messages on stderr.
/// </summary>
internal sealed class CliHost(
    ParseResult parse, CliOptions cli, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, Func<Stream> stdin,
    Func<string, CancellationToken, Task<string>>? webIdentityTokenProvider = null)
    : ICredentialHost
{
    private static readonly string[] SecretOptions = [OptionNames.AwsSecretAccessKey, OptionNames.AwsSessionToken];

    // Read once, by ReadKeyMaterialAsync: a second read of "-" would find standard input used up.
    private static readonly string[] KeyMaterialOptions =
        [OptionNames.Certificate, OptionNames.PrivateKey, OptionNames.CertificateChain, OptionNames.PrivateKeyPassphrase];
    private readonly SecretReference _references = new(environment, stdin);
    private readonly bool _verbose = parse.GetValue(cli.Verbose);

    public ParseContext Context => new() { HostProvidesWebIdentityToken = webIdentityTokenProvider is not null };

    public BrokerEnvironment BrokerEnvironment =>
        BrokerEnvironment.FromEnvironment(this, Environment.GetEnvironmentVariable) with { WebIdentityTokenProvider = webIdentityTokenProvider };

    public IReadOnlyDictionary<string, string> ReadOptions()
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, option) in cli.Canonical)
        {
            var value = parse.GetValue(option);
            if (value is null || KeyMaterialOptions.Contains(name))
            {
                continue;
            }

            value = SecretOptions.Contains(name) ? _references.ReadSecretText(name, value) : _references.ReadText(name, value);
            if (value is not null)
            {
                options[name] = value;
            }
        }

        return options;
    }

    public Task<KeyMaterialInput> ReadKeyMaterialAsync(CancellationToken cancellationToken)
    {
        byte[]? Bytes(string name) => _references.ReadBytes(name, parse.GetValue(cli.Canonical[name]));
        var passphrase = _references.ReadSecretText(OptionNames.PrivateKeyPassphrase, parse.GetValue(cli.Canonical[OptionNames.PrivateKeyPassphrase]));
        var certificate = Bytes(OptionNames.Certificate);
        var key = Bytes(OptionNames.PrivateKey);
        var chain = Bytes(OptionNames.CertificateChain);
        return Task.FromResult(new KeyMaterialInput(certificate, key, chain, passphrase));
    }

    public Task ExportAsync(CredentialResult result, CredentialRequest request, CancellationToken cancellationToken)
    {
        var format = ParseFormat(parse.GetValue(cli.Output));
        if (parse.GetValue(cli.WriteProfile) is { } profile)
        {
            var defaults = AwsProfileWriter.ForEnvironment(environment);
            var writer = new AwsProfileWriter(
                parse.GetValue(cli.CredentialsFile) ?? defaults.CredentialsFile, parse.GetValue(cli.ConfigFile) ?? defaults.ConfigFile);
            writer.WriteCredentials(profile, result.Credentials, result.Region);
            Info($"Wrote profile '{profile}' to {writer.CredentialsFile} and {writer.ConfigFile}.");
        }

        if (format is { } chosen)
        {
            stdout.Write(CredentialFormatter.Format(result, chosen));
            stdout.Flush();
        }

        var account = result.MaskAccountId ? "***" : result.Identity.Account;
        Info($"Authenticated as {(result.MaskAccountId ? "(masked)" : result.Identity.Arn)} in account {account}, expiring {result.Credentials.Expiration:O}.");
        return Task.CompletedTask;
    }

    /// <summary>Validates --output before any network call; null means none.</summary>
    public static CredentialFormat? ParseFormat(string? text) => text switch
    {
        null or "env" => CredentialFormat.Env,
        "dotenv" => CredentialFormat.Dotenv,
        "json" => CredentialFormat.Json,
        "credential-process" => CredentialFormat.CredentialProcess,
        "none" => null,
        _ => throw new InvalidOptionsException([new OptionError("output", $"'{text}' is not one of env, dotenv, json, credential-process, none.")]),
    };

    public void Fail(CredentialException failure)
    {
        stderr.WriteLine($"aws-temp-credentials: error: {failure.Message}");
        if (failure.Hint is { } hint)
        {
            stderr.WriteLine($"  hint: {hint}");
        }

        if (_verbose && failure is UnexpectedException { InnerException: { } inner })
        {
            stderr.WriteLine(inner.ToString());
        }
    }

    public void RegisterSecret(string value)
    {
        // The CLI prints secrets only to stdout in the format asked for; stderr never carries them.
    }

    public void Debug(string message)
    {
        if (_verbose)
        {
            stderr.WriteLine($"aws-temp-credentials: {message}");
        }
    }

    public void Info(string message) => Debug(message);

    public void Progress(string message) => stderr.WriteLine($"aws-temp-credentials: {message}");

    public void Warning(string message) => stderr.WriteLine($"aws-temp-credentials: warning: {message}");
}
