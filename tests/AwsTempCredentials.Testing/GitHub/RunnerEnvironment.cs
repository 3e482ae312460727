using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Testing.GitHub;

/// <summary>
/// The environment the GitHub runner gives a container action's entrypoint (actions/runner ContainerActionHandler),
/// on the host: <c>INPUT_*</c> for every input (upper-cased, hyphens kept; action.yml defaults for those left out),
/// the file-command files (<c>set_env_&lt;guid&gt;</c>, …) in a fresh file_commands directory, the <c>GITHUB_*</c>
/// context, the ID-token variables when the job has <c>id-token: write</c>, and HOME. Nothing else.
/// </summary>
public sealed class RunnerEnvironment : IDisposable
{
    private readonly Dictionary<string, string> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _extra = new(StringComparer.Ordinal);
    private string? _idTokenUrl;
    private string? _idTokenRequestToken;

    public RunnerEnvironment(string repository = "octo-org/octo-repo")
    {
        Root = Directory.CreateTempSubdirectory("gh-runner-").FullName;
        FileCommands = Directory.CreateDirectory(Path.Combine(Root, "_runner_file_commands")).FullName;
        Home = Directory.CreateDirectory(Path.Combine(Root, "_github_home")).FullName;
        Workspace = Directory.CreateDirectory(Path.Combine(Root, "_workspace")).FullName;
        Directory.CreateDirectory(Path.Combine(Root, "_github_workflow"));
        File.WriteAllText(Path.Combine(Root, "_github_workflow", "event.json"), "{}");
        var suffix = Guid.NewGuid().ToString();
        FileCommandSuffix = suffix;
        EnvFile = Touch($"set_env_{suffix}");
        OutputFile = Touch($"set_output_{suffix}");
        StateFile = Touch($"save_state_{suffix}");
        PathFile = Touch($"add_path_{suffix}");
        StepSummaryFile = Touch($"step_summary_{suffix}");
        Repository = repository;
    }

    /// <summary>The runner's temp directory: holds _runner_file_commands, _github_home, _github_workflow, _workspace.</summary>
    public string Root { get; }

    /// <summary>The GUID in set_env_&lt;guid&gt; and the other file-command names.</summary>
    public string FileCommandSuffix { get; }

    public string FileCommands { get; }

    public string Home { get; }

    public string Workspace { get; }

    public string EnvFile { get; }

    public string OutputFile { get; }

    public string StateFile { get; }

    public string PathFile { get; }

    public string StepSummaryFile { get; }

    public string Repository { get; }

    public string Sha { get; set; } = "ffac537e6cbbf934b08745a378932722df287a53";

    public string Ref { get; set; } = "refs/heads/main";

    public string Workflow { get; set; } = "Deploy";

    public string Actor { get; set; } = "octocat";

    /// <summary>GITHUB_ACTION: the step id (the runner uses <c>__owner_repo</c> for an unnamed step).</summary>
    public string Action { get; set; } = "__aws-temp-credentials";

    /// <summary>Whether action.yml defaults are passed for inputs the step leaves out (the runner always does).</summary>
    public bool ApplyActionDefaults { get; set; } = true;

    /// <summary>Sets a <c>with:</c> input, as the workflow file would.</summary>
    public RunnerEnvironment With(string input, string value)
    {
        _inputs[input] = value;
        return this;
    }

    /// <summary>The job has <c>permissions: id-token: write</c>: the runner sets the ID-token variables.</summary>
    public RunnerEnvironment WithIdToken(string requestUrl, string requestToken)
    {
        _idTokenUrl = requestUrl;
        _idTokenRequestToken = requestToken;
        return this;
    }

    /// <summary>A job-level <c>env:</c> variable (AWS_ENDPOINT_URL_STS for a fake, AWS_CA_BUNDLE, …).</summary>
    public RunnerEnvironment WithEnv(string name, string value)
    {
        _extra[name] = value;
        return this;
    }

    public static string InputVariable(string input) => "INPUT_" + input.Replace(' ', '_').ToUpperInvariant();

    /// <summary>The step's <c>with:</c> inputs with the action.yml defaults applied, as input name → value.</summary>
    public IReadOnlyDictionary<string, string> EffectiveInputs()
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ApplyActionDefaults)
        {
            foreach (var (name, value) in ActionMetadata.Repository.Inputs)
            {
                if (value is not null)
                {
                    inputs[name] = value;
                }
            }
        }

        foreach (var (name, value) in _inputs)
        {
            inputs[name] = value;
        }

        return inputs;
    }

    /// <summary>The entrypoint's environment, host paths for the file commands.</summary>
    public IReadOnlyDictionary<string, string> Build()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { [Processes.ProcessRunner.NoInstanceMetadata.Key] = Processes.ProcessRunner.NoInstanceMetadata.Value };
        foreach (var name in new[] { "PATH", "TMPDIR", "DOTNET_ROOT" })
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        foreach (var (name, value) in Context())
        {
            environment[name] = value;
        }

        environment["HOME"] = Home;
        environment["GITHUB_WORKSPACE"] = Workspace;
        environment["GITHUB_EVENT_PATH"] = Path.Combine(Root, "_github_workflow", "event.json");
        environment["RUNNER_TEMP"] = Root;
        environment["GITHUB_ENV"] = EnvFile;
        environment["GITHUB_OUTPUT"] = OutputFile;
        environment["GITHUB_STATE"] = StateFile;
        environment["GITHUB_PATH"] = PathFile;
        environment["GITHUB_STEP_SUMMARY"] = StepSummaryFile;
        foreach (var (name, value) in EffectiveInputs())
        {
            environment[InputVariable(name)] = value;
        }

        foreach (var (name, value) in _extra)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The context variables the runner sets for every step (paths aside).</summary>
    public IReadOnlyDictionary<string, string> Context()
    {
        var context = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CI"] = "true",
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_REPOSITORY"] = Repository,
            ["GITHUB_REPOSITORY_OWNER"] = Repository.Split('/')[0],
            ["GITHUB_WORKFLOW"] = Workflow,
            ["GITHUB_ACTION"] = Action,
            ["GITHUB_ACTOR"] = Actor,
            ["GITHUB_TRIGGERING_ACTOR"] = Actor,
            ["GITHUB_SHA"] = Sha,
            ["GITHUB_REF"] = Ref,
            ["GITHUB_REF_NAME"] = Ref.Split('/')[^1],
            ["GITHUB_EVENT_NAME"] = "push",
            ["GITHUB_RUN_ID"] = "1658821493",
            ["GITHUB_RUN_NUMBER"] = "3",
            ["GITHUB_RUN_ATTEMPT"] = "1",
            ["GITHUB_JOB"] = "deploy",
            ["GITHUB_SERVER_URL"] = "https://github.com",
            ["GITHUB_API_URL"] = "https://api.github.com",
            ["RUNNER_OS"] = "Linux",
            ["RUNNER_ARCH"] = "X64",
            ["ACTIONS_RUNTIME_TOKEN"] = "runtime-token-not-a-secret-under-test",
        };
        if (_idTokenUrl is not null && _idTokenRequestToken is not null)
        {
            context["ACTIONS_ID_TOKEN_REQUEST_URL"] = _idTokenUrl;
            context["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = _idTokenRequestToken;
        }

        return context;
    }

    /// <summary>Whether the step ran as on a Windows runner, which reads file commands with LF or CRLF line ends.</summary>
    public bool WindowsRunner { get; set; }

    /// <summary>GITHUB_ENV as the runner reads it after the step.</summary>
    public IReadOnlyDictionary<string, string> EnvFileValues() => FileCommandParser.ParseFile(EnvFile, WindowsRunner);

    /// <summary>GITHUB_OUTPUT as the runner reads it after the step.</summary>
    public IReadOnlyDictionary<string, string> Outputs() => FileCommandParser.ParseFile(OutputFile, WindowsRunner);

    public string StepSummary() => File.ReadAllText(StepSummaryFile);

    /// <summary>Runs the product binary's GitHub entrypoint with exactly this environment.</summary>
    public Task<ProcessResult> RunEntrypointAsync(TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(ProductBinary.Path, ["github"], Build(), timeout: timeout, workingDirectory: Workspace);

    private string Touch(string name)
    {
        var path = Path.Combine(FileCommands, name);
        File.WriteAllText(path, string.Empty);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
