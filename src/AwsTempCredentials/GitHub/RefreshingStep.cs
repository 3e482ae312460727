using AwsTempCredentials.Credentials;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;
using AwsTempCredentials.Options;
using AwsTempCredentials.Output;

namespace AwsTempCredentials.GitHub;

/// <summary>
/// <c>refresh: true</c> (JavaScript action): instead of keys in <c>GITHUB_ENV</c>, later steps get a profile whose
/// <c>credential_process</c> runs this executable again (<c>github credential-process</c>) with the step's options.
/// For OIDC each run requests a fresh ID token through the ID-token variables every step of the job has; access keys
/// and, with <c>allow-private-key-on-disk</c>, Roles Anywhere key material are kept in 0600 files. Everything goes into
/// one directory under RUNNER_TEMP, recorded in GITHUB_STATE first, so the post step removes it whatever happens.
/// The step's outputs and summary are the plain step's (<see cref="GitHubHost"/>, with env credentials off).
/// </summary>
internal sealed class RefreshingStep(GitHubHost step, Func<string, string?> environment, string executable) : ICredentialHost
{
    public const string ProfileName = "aws-temp-credentials";

    private IReadOnlyDictionary<string, string> _options = new Dictionary<string, string>();

    public async Task<HostInputs> ReadInputsAsync(CancellationToken cancellationToken)
    {
        var inputs = await step.ReadInputsAsync(cancellationToken);
        _options = inputs.Options;
        return inputs with { Broker = inputs.Broker with { Reporter = this } };
    }

    public async Task ExportAsync(CredentialResult result, CredentialRequest request, CancellationToken cancellationToken)
    {
        var env = FileCommandFile.FromEnvironment("GITHUB_ENV", environment);
        var state = FileCommandFile.FromEnvironment("GITHUB_STATE", environment);
        var runnerTemp = environment("RUNNER_TEMP") is { Length: > 0 } temp
            ? temp
            : throw new PlatformException("RUNNER_TEMP is not set, so refresh has nowhere to keep its profile.", "Run the action as a step of a GitHub Actions job.");
        var directory = Path.Combine(runnerTemp, $"aws-temp-credentials-{Guid.NewGuid():N}");
        state.Append(FileCommandFile.Format([new(GitHubPostStep.FilesDirectoryState, directory)]));
        CreatePrivateDirectory(directory);

        var writer = new AwsProfileWriter(Path.Combine(directory, "credentials"), Path.Combine(directory, "config"));
        writer.WriteCredentialProcess(ProfileName, Command(request, directory), result.Region);

        var variables = StepExports.Cleared().Where(v => v.Key is not ("AWS_REGION" or "AWS_DEFAULT_REGION")).ToList();
        variables.Add(new("AWS_CONFIG_FILE", writer.ConfigFile));
        variables.Add(new("AWS_SHARED_CREDENTIALS_FILE", writer.CredentialsFile));
        variables.Add(new("AWS_PROFILE", ProfileName));
        variables.Add(new("AWS_SDK_LOAD_CONFIG", "1"));
        if (result.Region is { } region)
        {
            variables.Add(new("AWS_REGION", region));
            variables.Add(new("AWS_DEFAULT_REGION", region));
        }

        var envText = FileCommandFile.Format(variables);
        await step.ExportAsync(result, request, cancellationToken);
        env.Append(envText);
        step.Info($"refresh: later steps use profile '{ProfileName}' ({writer.ConfigFile}), whose credential_process gets fresh credentials whenever these expire; the post step removes it.");
    }

    private string Command(CredentialRequest request, string directory)
    {
        var options = new Dictionary<string, string>(_options, StringComparer.Ordinal);
        options.Remove(OptionNames.AwsProfile);
        if (request.Method != AuthMethod.RolesAnywhere || request.RoleSessionNameIsExplicit)
        {
            options[OptionNames.RoleSessionName] = request.RoleSessionName;
        }

        if (request.Region is { } region)
        {
            options[OptionNames.AwsRegion] = region;
        }

        string Secret(string name, string content)
        {
            var path = Path.Combine(directory, name);
            AwsProfileWriter.WriteAtomically(path, content);
            return path;
        }

        switch (request.Method)
        {
            case AuthMethod.WebIdentity:
                options[OptionNames.AuthMethod] = "web-identity";
                step.Info("refresh: each refresh requests a fresh GitHub ID token (the job's id-token: write reaches every step); no secret is kept on disk.");
                return CredentialProcessCommand.Build(executable, ["github", "credential-process"], RefreshOptions.OnOneLine(options));
            case AuthMethod.RolesAnywhere when request.KeyMaterial.Store is null:
                step.Warning("refresh with allow-private-key-on-disk: the Roles Anywhere private key is kept in RUNNER_TEMP (mode 0600) for the rest of the job and removed by the post step.");
                break;
        }

        RefreshOptions.MoveSecretsToFiles(options, request, Secret);
        return CredentialProcessCommand.Build(executable, RefreshOptions.OnOneLine(options));
    }

    private static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Fail(CredentialException failure) => step.Fail(failure);

    public void RegisterSecret(string value) => step.RegisterSecret(value);

    public void Debug(string message) => step.Debug(message);

    public void Info(string message) => step.Info(message);

    public void Warning(string message) => step.Warning(message);
}
