using AwsTempCredentials.Testing.AzureDevOps;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Testing.GitHub;

/// <summary>
/// The JavaScript action (action/node) as a release ships it: action.yml, main.js, post.js, load-launcher.js, the
/// shared launch.js and bin/&lt;rid&gt;/. <c>AWSTC_GITHUB_ACTION</c> names a tree tasks/build-github-action.sh
/// packaged (CI does this: Brotli-packed binaries, all five platforms); otherwise one is staged per test run from
/// the source files and the product binary under test (bin/linux-x64, plus bin/win-x64 when
/// tasks/AwsTempCredentialsV1/bin/win-x64 holds a build). Steps run as the runner runs a node action:
/// <c>node &lt;main&gt;</c> with the step's environment only, in the workspace; the post step gets the main step's
/// <c>GITHUB_STATE</c> entries as <c>STATE_&lt;name&gt;</c>.
/// </summary>
public static class JavaScriptAction
{
    public const string ActionVariable = "AWSTC_GITHUB_ACTION";

    /// <summary>The node that runs the action: Debian's by default; <c>AWSTC_NODE</c> names another (the runner's Node 24 for a benchmark).</summary>
    public static string NodePath { get; } =
        Environment.GetEnvironmentVariable("AWSTC_NODE") is { Length: > 0 } node ? node : "/usr/bin/node";

    private static readonly Lazy<string> Staged = new(Stage, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The action's directory (packaged by CI, or staged here once).</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable(ActionVariable) is { Length: > 0 } packaged ? Path.GetFullPath(packaged) : Staged.Value;

    public static string SourceDirectory => Path.Combine(ContainerAction.RepositoryRoot, "action", "node");

    /// <summary>The main step: <c>node main.js</c>.</summary>
    public static Task<ProcessResult> RunMainAsync(RunnerEnvironment runner, TimeSpan? timeout = null) =>
        ProcessRunner.RunAsync(NodePath, [Path.Combine(Directory, "main.js")], runner.Build(), timeout: timeout ?? TimeSpan.FromSeconds(60), workingDirectory: runner.Workspace);

    /// <summary>The post step: <c>node post.js</c>, with the state the main step saved.</summary>
    public static Task<ProcessResult> RunPostAsync(RunnerEnvironment runner, TimeSpan? timeout = null)
    {
        var environment = new Dictionary<string, string>(runner.Build());
        foreach (var (name, value) in FileCommandParser.ParseFile(runner.StateFile))
        {
            environment["STATE_" + name] = value;
        }

        return ProcessRunner.RunAsync(NodePath, [Path.Combine(Directory, "post.js")], environment, timeout: timeout ?? TimeSpan.FromSeconds(60), workingDirectory: runner.Workspace);
    }

    /// <summary>Copies the action's files and the launcher, then the binaries, as tasks/build-github-action.sh lays them out (unpacked).</summary>
    private static string Stage()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("gh-js-action-").FullName;
        foreach (var file in new[] { "action.yml", "main.js", "post.js", "load-launcher.js" })
        {
            File.Copy(Path.Combine(SourceDirectory, file), Path.Combine(directory, file));
        }

        File.Copy(Path.Combine(TaskDefinition.Directory, "launch.js"), Path.Combine(directory, "launch.js"));

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The JavaScript action is staged with the Linux build under test.");
        }

        // The task installation already knows how to lay out the binary under test (the JIT build's files included).
        using (var task = new TaskInstallation())
        {
            CopyDirectory(Path.Combine(task.Root, "bin", "linux-x64"), Path.Combine(directory, "bin", "linux-x64"));
        }

        var windows = Path.Combine(TaskDefinition.Directory, "bin", "win-x64");
        if (File.Exists(Path.Combine(windows, "aws-temp-credentials.exe")))
        {
            CopyDirectory(windows, Path.Combine(directory, "bin", "win-x64"));
        }

        return directory;
    }

    private static void CopyDirectory(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
