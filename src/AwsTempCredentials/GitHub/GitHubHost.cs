using System.Text;
using AwsTempCredentials.Broker;
using AwsTempCredentials.Credentials;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Handoff;
using AwsTempCredentials.Hosting;
using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.GitHub;

/// <summary>
/// The GitHub container action: inputs from <c>INPUT_*</c>, the OIDC token from the runner's ID-token endpoint,
/// masks and annotations as workflow commands on stdout, results through <c>GITHUB_ENV</c>, <c>GITHUB_OUTPUT</c>,
/// <c>GITHUB_STEP_SUMMARY</c> and optionally an AWS profile.
/// </summary>
internal sealed class GitHubHost(Func<string, string?> environment, WorkflowCommandWriter commands, StepSettings settings) : ICredentialHost
{
    private const string DefaultSessionName = "GitHubActions";
    private const int MostRetryAttempts = 10;

    private static readonly string[] KeyMaterialInputs =
        [OptionNames.Certificate, OptionNames.PrivateKey, OptionNames.CertificateChain, OptionNames.PrivateKeyPassphrase];

    private static readonly string[] SecretInputs =
        [OptionNames.AwsAccessKeyId, OptionNames.AwsSecretAccessKey, OptionNames.AwsSessionToken, OptionNames.PrivateKey, OptionNames.PrivateKeyPassphrase, OptionNames.Pkcs11Pin];

    private readonly InputVariables _inputs = new(environment);
    private FileCommandFile? _env;
    private FileCommandFile? _output;
    private ProfileTarget? _profile;

    public ParseContext Context { get; private set; } = new() { DefaultSessionName = DefaultSessionName };

    /// <summary>The step's network as values: the runner's environment, then sts-endpoint, http-proxy and no-proxy over it.</summary>
    public BrokerEnvironment BrokerEnvironment
    {
        get
        {
            var fromRunner = BrokerEnvironment.FromEnvironment(this, environment);
            var proxy = fromRunner.Http.Proxy;
            if (settings.HttpProxy is not null || settings.NoProxy is not null)
            {
                proxy = Http.ProxySettings.Parse(settings.HttpProxy ?? proxy.Address?.ToString(), settings.NoProxy ?? string.Join(',', proxy.Bypass));
            }

            return fromRunner with
            {
                Endpoints = fromRunner.Endpoints with { Sts = settings.StsEndpoint ?? fromRunner.Endpoints.Sts },
                Http = fromRunner.Http with { Proxy = proxy },
                IgnoreEnvironmentCredentials = settings.UnsetCurrentCredentials,
                WebIdentityTokenProvider = settings.ForceSkipOidc ? null : new IdTokenClient(environment, this).GetTokenAsync,
            };
        }
    }

    public IReadOnlyDictionary<string, string> ReadOptions()
    {
        foreach (var name in SecretInputs)
        {
            if (_inputs.Get(name) is { } secret)
            {
                RegisterSecret(secret);
            }
        }

        // A certificate that is not PEM is PKCS#12 (base64): it holds the private key.
        if (_inputs.Get(OptionNames.Certificate) is { } certificate && !certificate.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            RegisterSecret(certificate);
        }

        if (BooleanOption.TryParse(_inputs.Get(OptionNames.MaskAwsAccountId) ?? string.Empty) == true)
        {
            MaskAccountsOfArnInputs();
        }

        _env = FileCommandFile.FromEnvironment("GITHUB_ENV", environment);
        _output = FileCommandFile.FromEnvironment("GITHUB_OUTPUT", environment);

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in OptionNames.All.Except(KeyMaterialInputs))
        {
            if (_inputs.Get(name) is { } value)
            {
                options[name] = value;
            }
        }

        ApplyStepSettings(options);
        if (options.TryGetValue(OptionNames.WebIdentityTokenFile, out var tokenFile) && !Path.IsPathRooted(tokenFile)
            && environment("GITHUB_WORKSPACE") is { Length: > 0 } workspace)
        {
            options[OptionNames.WebIdentityTokenFile] = Path.Combine(workspace, tokenFile);
        }

        if (options.TryGetValue(OptionNames.AwsProfile, out var profile))
        {
            _profile = ProfileTarget.FromEnvironment(environment);
            _profile.EnsureWritable(profile, settings.OverwriteAwsProfile);
        }

        Context = Context with
        {
            HostProvidesWebIdentityToken = !settings.ForceSkipOidc,
            DefaultSessionTags = GitHubSessionTags.Build(environment, settings.CustomTags),
        };
        return options;
    }

    /// <summary>With mask-aws-account-id, the accounts named in ARN inputs are masked before any line can show them.</summary>
    private void MaskAccountsOfArnInputs()
    {
        var arns = new[] { OptionNames.RoleToAssume, OptionNames.RoleChaining, OptionNames.TrustAnchorArn, OptionNames.ProfileArn, OptionNames.ManagedSessionPolicies }
            .Select(_inputs.Get).OfType<string>()
            .SelectMany(v => v.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var text in arns)
        {
            if (Arn.TryParse(text, out var arn) && arn.Account.Length == 12 && arn.Account.All(char.IsAsciiDigit))
            {
                RegisterSecret(arn.Account);
            }
        }
    }

    private void ApplyStepSettings(Dictionary<string, string> options)
    {
        if (settings.DisableRetry)
        {
            // configure-aws-credentials' meaning: no second attempt of any kind, so throttling is not waited out either.
            options[OptionNames.RetryMaxAttempts] = "1";
            options[OptionNames.ThrottlingBudgetSeconds] = "0";
        }
        else if (options.TryGetValue(OptionNames.RetryMaxAttempts, out var attempts) && int.TryParse(attempts, out var count) && count > MostRetryAttempts)
        {
            Warning($"retry-max-attempts {count} is more than the {MostRetryAttempts} attempts this action makes; using {MostRetryAttempts}.");
            options[OptionNames.RetryMaxAttempts] = MostRetryAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (settings.SpecialCharactersWorkaround)
        {
            Warning("special-characters-workaround is not needed and is ignored: this action never passes credentials through a shell " +
                    "(they go to GITHUB_ENV and GITHUB_OUTPUT as heredoc values), so any character in a secret key is safe.");
        }

        if (settings.CustomTags is not null && !options.ContainsKey(OptionNames.AwsAccessKeyId) && !IsTrue(options, OptionNames.RoleChaining) && !settings.ForceSkipOidc)
        {
            Warning("custom-tags only apply when a role is assumed with access keys or existing credentials; with OIDC or Roles Anywhere the session's tags come from the token or certificate, so they are ignored.");
        }

    }

    private static bool IsTrue(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) && BooleanOption.TryParse(value) == true;

    public Task<KeyMaterialInput> ReadKeyMaterialAsync(CancellationToken cancellationToken)
    {
        byte[]? Bytes(string name) => _inputs.Get(name) is { } text ? Encoding.UTF8.GetBytes(text) : null;
        return Task.FromResult(new KeyMaterialInput(
            Bytes(OptionNames.Certificate), Bytes(OptionNames.PrivateKey), Bytes(OptionNames.CertificateChain), _inputs.Get(OptionNames.PrivateKeyPassphrase)));
    }

    public Task ExportAsync(CredentialResult result, CredentialRequest request, CancellationToken cancellationToken)
    {
        var env = settings.OutputEnvCredentials ? StepExports.Environment(result) : [];
        if (request.AwsProfile is { } profile && settings.OutputEnvCredentials)
        {
            env.Add(new("AWS_PROFILE", profile));
        }

        // Everything rendered and every file opened before anything is written; a failure midway is rolled back.
        var envText = FileCommandFile.Format(env);
        var outputText = FileCommandFile.Format(StepExports.Outputs(result, settings.OutputCredentials));
        using (var handoff = new CredentialHandoff())
        {
            if (request.AwsProfile is { } name && _profile is { } target)
            {
                target.EnsureWritable(name, settings.OverwriteAwsProfile);
                handoff.Add(target.Stage(name, result));
            }

            handoff.Add(_env!.Stage(envText)).Add(_output!.Stage(outputText));
            handoff.Commit();
        }

        if (request.AwsProfile is { } written && _profile is { } profileTarget)
        {
            Info($"Wrote profile '{written}' to {profileTarget.Writer.CredentialsFile} and {profileTarget.Writer.ConfigFile}.");
        }

        if (environment("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
        {
            try
            {
                File.AppendAllText(summary, StepSummary.Render(result, request));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Warning($"Could not write the step summary: {e.Message}");
            }
        }

        Info(result.MaskAccountId
            ? $"Authenticated with {result.MethodDescription} (account masked)."
            : $"Authenticated with {result.MethodDescription} as {result.Identity.Arn} in account {result.Identity.Account}.");
        return Task.CompletedTask;
    }

    public void Fail(CredentialException failure)
    {
        commands.Error(failure.Describe(), "aws-temp-credentials");
        if (settings.UnsetCurrentCredentials && settings.OutputEnvCredentials && _env is { } env)
        {
            // Asked to unset the job's credentials: a failed step must not leave the previous ones in place.
            try
            {
                env.Append(FileCommandFile.Format(StepExports.Cleared()));
            }
            catch (PlatformException e)
            {
                commands.Warning(e.Message);
            }
        }
    }

    public void RegisterSecret(string value) => commands.AddMask(value);

    public void Debug(string message) => commands.Debug(message);

    public void Info(string message) => commands.Info(message);

    public void Warning(string message) => commands.Warning(message);
}
