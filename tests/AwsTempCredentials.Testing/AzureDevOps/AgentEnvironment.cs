using System.Text.Json;

namespace AwsTempCredentials.Testing.AzureDevOps;

/// <summary>
/// The environment the Azure Pipelines agent gives a Node handler task (azure-pipelines-agent NodeHandler): every
/// task.json input as <c>INPUT_&lt;NAME&gt;</c> (defaults for those the YAML leaves out), each referenced service
/// connection as <c>ENDPOINT_URL_/AUTH_/AUTH_SCHEME_/AUTH_PARAMETER_/DATA_</c> plus <c>SYSTEMVSSCONNECTION</c> with
/// the job's access token, <c>SECUREFILE_NAME_/TICKET_</c> for secure-file inputs, pipeline variables upper-cased
/// with '.' as '_', secret variables only as <c>SECRET_&lt;NAME&gt;</c>, the <c>SYSTEM_*</c>/<c>BUILD_*</c>/<c>AGENT_*</c>
/// context, task variables of this task instance (<c>VSTS_TASKVARIABLE_*</c>, post-job), and PATH/HOME.
/// </summary>
public sealed class AgentEnvironment
{
    private readonly FakeAzureDevOps _server;
    private readonly Dictionary<string, string> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _raw = new(StringComparer.Ordinal);

    public AgentEnvironment(FakeAzureDevOps server, string agentTempDirectory)
    {
        _server = server;
        TempDirectory = agentTempDirectory;
    }

    public string TempDirectory { get; }

    public bool IncludeSystemToken { get; set; } = true;

    /// <summary>The job's access token the agent passes; the fake's own unless a test gives a stale one.</summary>
    public string? SystemToken { get; set; }

    public bool IncludeOidcRequestUri { get; set; } = true;

    public static string VariableName(string name) => name.Replace('.', '_').Replace(' ', '_').ToUpperInvariant();

    /// <summary>An input as written in the YAML <c>inputs:</c>.</summary>
    public AgentEnvironment Input(string name, string value)
    {
        _inputs[name] = value;
        return this;
    }

    /// <summary>An input whose YAML value is <c>$(name)</c> of a secret variable: the agent expands it and passes the secret as SECRET_NAME too.</summary>
    public AgentEnvironment SecretInput(string input, string secretVariable, string value)
    {
        _inputs[input] = value;
        _raw["SECRET_" + VariableName(secretVariable)] = value;
        return this;
    }

    /// <summary>A plain pipeline variable (or a variable a previous step set).</summary>
    public AgentEnvironment Variable(string name, string value)
    {
        _variables[VariableName(name)] = value;
        return this;
    }

    /// <summary>An environment variable of the agent process itself (a self-hosted agent's machine).</summary>
    public AgentEnvironment AgentProcessVariable(string name, string value)
    {
        _raw[name] = value;
        return this;
    }

    /// <summary>The service connection an input refers to (its value is the connection id).</summary>
    public AgentEnvironment ServiceConnection(
        string input, string id, string scheme, IReadOnlyDictionary<string, string>? parameters = null, IReadOnlyDictionary<string, string>? data = null)
    {
        _inputs[input] = id;
        parameters ??= new Dictionary<string, string>();
        data ??= new Dictionary<string, string>();
        _raw[$"ENDPOINT_URL_{id}"] = "https://aws.amazon.com/";
        _raw[$"ENDPOINT_AUTH_{id}"] = JsonSerializer.Serialize(new Dictionary<string, object> { ["parameters"] = parameters, ["scheme"] = scheme });
        _raw[$"ENDPOINT_AUTH_SCHEME_{id}"] = scheme;
        foreach (var (key, value) in parameters)
        {
            _raw[$"ENDPOINT_AUTH_PARAMETER_{id}_{key.ToUpperInvariant()}"] = value;
        }

        foreach (var (key, value) in data)
        {
            _raw[$"ENDPOINT_DATA_{id}_{key.ToUpperInvariant()}"] = value;
        }

        return this;
    }

    /// <summary>A secure-file input: its value is the file id, with the name and download ticket the agent adds.</summary>
    public AgentEnvironment SecureFile(string input, string id, string name, string? ticket)
    {
        _inputs[input] = id;
        _raw[$"SECUREFILE_NAME_{id}"] = name;
        if (ticket is not null)
        {
            _raw[$"SECUREFILE_TICKET_{id}"] = ticket;
        }

        return this;
    }

    /// <summary>The environment of the task's main step (or, with <paramref name="taskVariables"/>, its post-job step).</summary>
    public IReadOnlyDictionary<string, string> Build(IReadOnlyDictionary<string, string>? taskVariables = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { [Processes.ProcessRunner.NoInstanceMetadata.Key] = Processes.ProcessRunner.NoInstanceMetadata.Value };
        foreach (var name in new[] { "PATH", "HOME", "TMPDIR", "LANG" })
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        foreach (var (name, value) in _raw)
        {
            environment[name] = value;
        }

        var collection = _server.CollectionUri.ToString();
        environment["SYSTEM_COLLECTIONURI"] = collection;
        environment["SYSTEM_TEAMFOUNDATIONCOLLECTIONURI"] = collection;
        environment["SYSTEM_TEAMFOUNDATIONSERVERURI"] = collection;
        environment["SYSTEM_TEAMPROJECT"] = _server.ProjectName;
        environment["SYSTEM_TEAMPROJECTID"] = _server.ProjectId;
        environment["SYSTEM_HOSTTYPE"] = "build";
        environment["SYSTEM_PLANID"] = _server.PlanId;
        environment["SYSTEM_JOBID"] = _server.JobId;
        environment["SYSTEM_DEFINITIONID"] = "42";
        environment["SYSTEM_COLLECTIONID"] = _server.OrganizationId;
        environment["BUILD_DEFINITIONNAME"] = "payments deploy";
        environment["BUILD_BUILDNUMBER"] = "20261123.4";
        environment["BUILD_BUILDID"] = "1234";
        environment["AGENT_TEMPDIRECTORY"] = TempDirectory;
        environment["AGENT_OS"] = "Linux";
        environment["AGENT_VERSION"] = "4.264.2";
        environment["TF_BUILD"] = "True";
        if (IncludeOidcRequestUri)
        {
            environment["SYSTEM_OIDCREQUESTURI"] = _server.OidcRequestUri;
        }

        environment["ENDPOINT_URL_SYSTEMVSSCONNECTION"] = collection;
        var systemToken = SystemToken ?? _server.SystemToken;
        if (IncludeSystemToken)
        {
            environment["ENDPOINT_AUTH_SYSTEMVSSCONNECTION"] = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["parameters"] = new Dictionary<string, string> { ["AccessToken"] = systemToken },
                ["scheme"] = "OAuth",
            });
            environment["ENDPOINT_AUTH_SCHEME_SYSTEMVSSCONNECTION"] = "OAuth";
            environment["ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN"] = systemToken;
            environment["SECRET_SYSTEM_ACCESSTOKEN"] = systemToken;
        }

        foreach (var (name, value) in _variables)
        {
            environment[name] = value;
        }

        foreach (var (name, value) in TaskDefinition.Inputs)
        {
            environment["INPUT_" + VariableName(name)] = _inputs.GetValueOrDefault(name, value);
        }

        foreach (var (name, value) in _inputs.Where(i => !TaskDefinition.Inputs.ContainsKey(i.Key)))
        {
            environment["INPUT_" + VariableName(name)] = value;
        }

        foreach (var (name, value) in taskVariables ?? new Dictionary<string, string>())
        {
            environment["VSTS_TASKVARIABLE_" + VariableName(name)] = value;
        }

        return environment;
    }

    /// <summary>
    /// The environment a later script step sees: the agent process's own variables (PATH, HOME and those set with
    /// <see cref="AgentProcessVariable"/>), the plain pipeline variables, then what earlier steps set as plain
    /// variables. Secret variables are not passed.
    /// </summary>
    public Dictionary<string, string> LaterStep(params IReadOnlyDictionary<string, string>[] setByEarlierSteps)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "PATH", "HOME" })
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        foreach (var (name, value) in _raw.Where(r => !r.Key.StartsWith("SECRET_", StringComparison.Ordinal) && !r.Key.StartsWith("ENDPOINT_", StringComparison.Ordinal) && !r.Key.StartsWith("SECUREFILE_", StringComparison.Ordinal)))
        {
            environment[name] = value;
        }

        foreach (var (name, value) in _variables)
        {
            environment[name] = value;
        }

        foreach (var step in setByEarlierSteps)
        {
            foreach (var (name, value) in step)
            {
                environment[name] = value;
            }
        }

        return environment;
    }
}
