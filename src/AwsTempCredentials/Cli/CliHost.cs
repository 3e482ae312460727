using System.CommandLine;
using AwsTempCredentials.Broker;
using AwsTempCredentials.Credentials;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;
using AwsTempCredentials.IO;
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
    WebIdentityTokenProvider? webIdentityTokenProvider = null)
    : ICredentialHost
{
    private static readonly string[] SecretOptions = [OptionNames.AwsSecretAccessKey, OptionNames.AwsSessionToken, OptionNames.Pkcs11Pin];

    // Read once, with the key material: a second read of "-" would find standard input used up.
    private static readonly string[] KeyMaterialOptions =
        [OptionNames.Certificate, OptionNames.PrivateKey, OptionNames.CertificateChain, OptionNames.PrivateKeyPassphrase];
    private readonly SecretReference _references = new(environment, stdin);
    private readonly bool _verbose = parse.GetValue(cli.Verbose);

    // What ExportAsync does, decided (and checked) once while the inputs are read.
    private (CredentialFormat? Format, string? Profile) _export;

    /// <summary>
    /// Checks what the CLI alone knows (output format, profile name and files) and reads every env:/file:/- input,
    /// bounded and under action-timeout-s, before any network call.
    /// </summary>
    public async Task<HostInputs> ReadInputsAsync(CancellationToken cancellationToken)
    {
        var deadline = InputDeadline();
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (deadline is { } timeout)
        {
            reading.CancelAfter(timeout);
        }

        try
        {
            _export = (ParseFormat(parse.GetValue(cli.Output)), ProfileToWrite());
            if (_export.Profile is { } profile)
            {
                ProfileName.Ensure("write-profile", profile);
                var writer = ProfileWriter();
                StagedFile.ResolveTarget(writer.CredentialsFile);
                StagedFile.ResolveTarget(writer.ConfigFile);
            }

            return new HostInputs(
                await ReadOptionsAsync(reading.Token),
                await ReadKeyMaterialAsync(reading.Token),
                new ParseContext { HostProvidesWebIdentityToken = webIdentityTokenProvider is not null },
                BrokerEnvironment.FromEnvironment(this, environment) with { WebIdentityTokenProvider = webIdentityTokenProvider });
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && deadline is { } limit)
        {
            throw new DeadlineExceededException(limit, e);
        }
    }

    private async Task<Dictionary<string, string>> ReadOptionsAsync(CancellationToken cancellationToken)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, option) in cli.Canonical)
        {
            var value = parse.GetValue(option);
            if (value is null || KeyMaterialOptions.Contains(name))
            {
                continue;
            }

            value = SecretOptions.Contains(name)
                ? await _references.ReadSecretTextAsync(name, value, cancellationToken)
                : await _references.ReadTextAsync(name, value, cancellationToken);
            if (value is not null)
            {
                options[name] = value;
            }
        }

        return options;
    }

    private async Task<KeyMaterialInput> ReadKeyMaterialAsync(CancellationToken cancellationToken)
    {
        Task<byte[]?> Bytes(string name) => _references.ReadBytesAsync(name, parse.GetValue(cli.Canonical[name]), cancellationToken);
        var passphrase = await _references.ReadSecretTextAsync(
            OptionNames.PrivateKeyPassphrase, parse.GetValue(cli.Canonical[OptionNames.PrivateKeyPassphrase]), cancellationToken);
        return new KeyMaterialInput(
            await Bytes(OptionNames.Certificate), await Bytes(OptionNames.PrivateKey), await Bytes(OptionNames.CertificateChain), passphrase);
    }

    /// <summary>The overall deadline as given, for reading inputs before the options are validated; null when absent or malformed.</summary>
    private TimeSpan? InputDeadline() =>
        int.TryParse(parse.GetValue(cli.Canonical[OptionNames.ActionTimeoutSeconds]), out var seconds) && seconds is > 0 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : null;

    /// <summary>
    /// One transaction: render stdout and stage the profile (nothing visible), then publish the profile and print;
    /// if printing fails the profile is put back as it was.
    /// </summary>
    public Task ExportAsync(CredentialResult result, CredentialRequest request, CancellationToken cancellationToken)
    {
        var text = _export.Format is { } format ? CredentialFormatter.Format(result, format) : null;
        using var profile = _export.Profile is { } name
            ? ProfileWriter().StageCredentials(name, result.Credentials, result.Region, cancellationToken)
            : null;
        cancellationToken.ThrowIfCancellationRequested();

        // From here on a signal waits: publishing is two renames and one write.
        profile?.Commit();
        try
        {
            if (text is not null)
            {
                stdout.Write(text);
                stdout.Flush();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            profile?.Rollback();
            throw new PlatformException(
                $"Cannot write the credentials to standard output: {FileProblems.Describe(e)}; nothing was exported{(profile is null ? string.Empty : " and the profile was put back as it was")}.",
                "Standard output was closed or is not writable (e.g. the reading side of a pipe ended early).", e);
        }

        if (profile is not null)
        {
            Info($"Wrote profile '{_export.Profile}' to {string.Join(" and ", profile.Files)}.");
        }

        var account = result.MaskAccountId ? "***" : result.Identity.Account;
        Info($"Authenticated as {(result.MaskAccountId ? "(masked)" : result.Identity.Arn)} in account {account}, expiring {result.Credentials.Expiration:O}.");
        return Task.CompletedTask;
    }

    /// <summary>Validates --output before any network call; null means none.</summary>
    private static CredentialFormat? ParseFormat(string? text) => text switch
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

        // Types and frames only: messages of foreign exceptions may quote a file or an answer holding a secret.
        if (_verbose && failure is UnexpectedException)
        {
            for (var inner = failure.InnerException; inner is not null; inner = inner.InnerException)
            {
                stderr.WriteLine($"  cause: {inner.GetType().FullName}");
                if (inner.StackTrace is { } frames)
                {
                    stderr.WriteLine(frames);
                }
            }
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

    /// <summary>
    /// The profile to write: <c>--write-profile</c>, or <c>--aws-profile</c> — which means what it means in the GitHub
    /// action and the Azure DevOps task, write the credentials as this profile. Two different names are an error.
    /// </summary>
    private string? ProfileToWrite()
    {
        var write = parse.GetValue(cli.WriteProfile);
        var awsProfile = parse.GetValue(cli.Canonical[OptionNames.AwsProfile]);
        if (write is not null && awsProfile is not null && write != awsProfile)
        {
            throw new InvalidOptionsException([new OptionError("write-profile", $"names profile '{write}' but aws-profile names '{awsProfile}'; both say which profile to write: give one.")]);
        }

        return write ?? awsProfile;
    }

    private AwsProfileWriter ProfileWriter()
    {
        var defaults = AwsProfileWriter.ForEnvironment(environment);
        return new AwsProfileWriter(
            parse.GetValue(cli.CredentialsFile) ?? defaults.CredentialsFile, parse.GetValue(cli.ConfigFile) ?? defaults.ConfigFile);
    }
}
