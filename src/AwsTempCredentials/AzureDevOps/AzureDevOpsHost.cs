using AwsTempCredentials.AzureDevOps.Clients;
using AwsTempCredentials.AzureDevOps.Export;
using AwsTempCredentials.AzureDevOps.Inputs;
using AwsTempCredentials.AzureDevOps.LoggingCommands;
using AwsTempCredentials.Broker;
using AwsTempCredentials.Credentials;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;
using AwsTempCredentials.Http;
using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.AzureDevOps;

/// <summary>
/// The Azure Pipelines task host: inputs, service connection and secure files from the environment the agent's
/// Node handler builds; OIDC token and secure files over REST; results as logging commands. Never starts a process:
/// its environment holds the job's secrets (<c>SECRET_*</c>, the system token).
/// </summary>
internal sealed class AzureDevOpsHost(Func<string, string?> environment, LoggingCommandWriter commands, string executable)
    : ICredentialHost, IDisposable
{
    private readonly InputVariables _inputs = new(environment);
    private readonly AgentVariables _agent = new(environment);
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);
    private TaskOptions? _task;
    private HttpClient? _http;

    public async Task<HostInputs> ReadInputsAsync(CancellationToken cancellationToken)
    {
        if (_agent.TempDirectory is null)
        {
            throw new PlatformException("AGENT_TEMPDIRECTORY is not set: this command is the Azure Pipelines task and runs under the agent.", "Outside Azure Pipelines, use the CLI (aws-temp-credentials --help).");
        }

        var task = _task = TaskOptionReader.Read(_inputs, environment);
        Debug($"Auth method {task.Method.OptionValue()}{(task.Connection is { } c ? $", service connection {c.Id} ({c.Scheme})" : string.Empty)}.");
        var keyMaterial = task.Method == AuthMethod.RolesAnywhere ? await ReadKeyMaterialAsync(task, cancellationToken) : KeyMaterialInput.Empty;
        var context = new ParseContext
        {
            DefaultSessionName = _agent.DefaultSessionName(),
            HostProvidesWebIdentityToken = task is { Method: AuthMethod.WebIdentity, Connection: not null },
            AuthMethod = task.Method,
        };
        var broker = BrokerEnvironment.FromEnvironment(this, environment) with
        {
            WebIdentityTokenProvider = task.Connection is { } connection ? (_, retry, token) => GetOidcTokenAsync(connection.Id, retry, token) : null,
        };
        return new HostInputs(task.Options, keyMaterial, context, broker);
    }

    private async Task<KeyMaterialInput> ReadKeyMaterialAsync(TaskOptions task, CancellationToken cancellationToken)
    {
        if (task.KeySource != KeySource.Files)
        {
            // A token's certificate and intermediates are read from the token with its key; the store's inputs travel
            // as the plain options cert-store and cert-selector.
            return KeyMaterialInput.Empty;
        }

        // Secure files are downloaded before the credential calls start: action-timeout-s bounds them too.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = task.Options.TryGetValue(OptionNames.ActionTimeoutSeconds, out var text)
            && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : (TimeSpan?)null;
        if (limit is { } after)
        {
            deadline.CancelAfter(after);
        }

        try
        {
            return await new KeyMaterialReader(_inputs, environment, CreateSecureFileClient).ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException e) when (limit is { } passed && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DeadlineExceededException(passed, e);
        }
    }

    public Task ExportAsync(CredentialResult result, CredentialRequest request, CancellationToken cancellationToken)
    {
        var files = new TaskFiles(_agent.TempDirectory!, commands);
        new TaskExporter(commands, files, environment, this).Export(result, request, _task!, executable);
        commands.Complete(TaskResult.Succeeded, "AWS credentials are set for the rest of the job.");
        return Task.CompletedTask;
    }

    public void Fail(CredentialException failure)
    {
        if (failure is InvalidOptionsException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                commands.LogIssue(IssueType.Error, $"{InputName(error.Option)}: {error.Message}");
            }
        }
        else
        {
            commands.LogIssue(IssueType.Error, failure.Describe());
        }

        if (failure is UnexpectedException { InnerException: { } inner })
        {
            commands.Debug(inner.ToString());
        }

        commands.Complete(TaskResult.Failed, failure is InvalidOptionsException ? "Invalid task inputs; nothing was exported." : $"{failure.Message} Nothing was exported.");
    }

    public void RegisterSecret(string value)
    {
        if (!string.IsNullOrWhiteSpace(value) && _secrets.Add(value))
        {
            commands.SetSecret(value);
        }
    }

    public void Debug(string message) => commands.Debug(message);

    public void Info(string message) => commands.Line(message);

    public void Warning(string message) => commands.LogIssue(IssueType.Warning, message);

    public void Dispose() => _http?.Dispose();

    /// <summary>The task input a core option error is about (certificate → certificateSecureFile/certificate).</summary>
    private static string InputName(string option) => option switch
    {
        OptionNames.Certificate => $"{TaskInputNames.CertificateSecureFile} (or certificate)",
        OptionNames.PrivateKey => $"{TaskInputNames.PrivateKeySecureFile} (or privateKey)",
        OptionNames.CertificateChain => $"{TaskInputNames.CertificateChainSecureFile} (or certificateChain)",
        OptionNames.AwsAccessKeyId or OptionNames.AwsSecretAccessKey or OptionNames.WebIdentityTokenFile => TaskInputNames.ServiceConnection,
        OptionNames.CertStore => TaskInputNames.CertificateStore,
        OptionNames.CertSelector => TaskInputNames.CertificateSelector,
        _ => OptionNames.ToCamelCase(option),
    };

    // Registered for masking where it is read (the broker, explain).
    private Task<string> GetOidcTokenAsync(string connectionId, RetryPolicy retry, CancellationToken cancellationToken) =>
        new OidcTokenClient(Http(), _agent).GetTokenAsync(connectionId, retry, cancellationToken);

    private SecureFileClient CreateSecureFileClient()
    {
        var token = _agent.SystemToken ?? throw new PlatformException(
            "Secure files cannot be downloaded: the job has no access token (System.AccessToken).",
            "In a classic pipeline enable 'Allow scripts to access the OAuth token'; in YAML check the job's token was not removed.");
        if (_agent.CollectionUri is not { } collection || _agent.TeamProjectId is not { } project
            || !Uri.TryCreate(collection.TrimEnd('/') + "/", UriKind.Absolute, out var collectionUri))
        {
            throw new PlatformException("Secure files cannot be downloaded: SYSTEM_COLLECTIONURI or SYSTEM_TEAMPROJECTID is not set.", "Run this task under the Azure Pipelines agent.");
        }

        return new SecureFileClient(Sender(), collectionUri, project, token);
    }

    private HttpClient Http() => _http ??= PlatformHttpClient.Create(HttpSettings.FromEnvironment(environment), "Azure DevOps");

    // Secure files are read before the run's policy exists: a policy of their own, bounded by action-timeout-s.
    private RetryingSender Sender() => new(Http(), HttpSettings.FromEnvironment(environment), this);
}
