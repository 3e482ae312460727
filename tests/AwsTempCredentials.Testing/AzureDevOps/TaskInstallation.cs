using System.Text.Json;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Testing.AzureDevOps;

/// <summary>
/// The task as the agent unpacks it into <c>_work/_tasks</c>: a temporary copy of tasks/AwsTempCredentialsV1 (the
/// launcher scripts and task.json) with the product binary at <c>bin/linux-x64/aws-temp-credentials</c>. The Native
/// AOT binary (<c>AWSTC_BINARY</c>) is copied alone; the JIT app host is copied with its .dll, .deps.json,
/// .runtimeconfig.json and the runtime assemblies its deps.json lists, which is all it needs next to it.
/// The launcher is then run with node exactly as the agent's Node handler does: environment only.
/// With <c>AWSTC_VSIX</c> set (CI builds the extension first), the task comes out of the packaged .vsix instead,
/// unzipped as the agent does, binaries and all.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TaskInstallation : IDisposable
{
    public const string NodePath = "/usr/bin/node";

    public const string VsixVariable = "AWSTC_VSIX";

    private readonly string _directory;

    private TaskInstallation(string directory, string root, string binary)
    {
        _directory = directory;
        Root = root;
        Binary = binary;
    }

    /// <summary>The task from the packaged extension when <c>AWSTC_VSIX</c> names one, else from the source tree.</summary>
    public static TaskInstallation Create() =>
        Environment.GetEnvironmentVariable(VsixVariable) is { Length: > 0 } vsix ? FromVsix(vsix) : new TaskInstallation();

    /// <summary>Unzips the .vsix as the agent unpacks a task; the binaries are whatever the package holds.</summary>
    public static TaskInstallation FromVsix(string vsixPath)
    {
        var unpacked = Directory.CreateTempSubdirectory("ado-vsix-").FullName;
        System.IO.Compression.ZipFile.ExtractToDirectory(vsixPath, unpacked);
        var root = Path.Combine(unpacked, "tasks", "AwsTempCredentialsV1");
        if (!File.Exists(Path.Combine(root, "task.json")))
        {
            throw new FileNotFoundException($"{vsixPath} holds no tasks/AwsTempCredentialsV1/task.json.");
        }

        return new TaskInstallation(unpacked, root, Path.Combine(root, "bin", "linux-x64", "aws-temp-credentials"));
    }

    public TaskInstallation()
    {
        Root = _directory = Directory.CreateTempSubdirectory("ado-task-").FullName;
        foreach (var file in Directory.EnumerateFiles(TaskDefinition.Directory))
        {
            File.Copy(file, Path.Combine(Root, Path.GetFileName(file)));
        }

        var bin = Directory.CreateDirectory(Path.Combine(Root, "bin", "linux-x64")).FullName;
        var product = ProductBinary.Path;
        Binary = Path.Combine(bin, "aws-temp-credentials");
        File.Copy(product, Binary);
        // A JIT app host (the Debug build, or an older build named by AWSTC_BINARY) needs its .dll and dependencies.
        if (!ProductBinary.IsNativeAot || File.Exists(product + ".dll"))
        {
            CopyJitDependencies(Path.GetDirectoryName(product)!, bin);
        }

        // The vsix zip drops the execute bit: the launcher must restore it.
        File.SetUnixFileMode(Binary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    public string Root { get; }

    public string Binary { get; }

    public Task<ProcessResult> RunMainAsync(IReadOnlyDictionary<string, string> environment) =>
        ProcessRunner.RunAsync(NodePath, [Path.Combine(Root, "launcher.js")], environment, timeout: TimeSpan.FromSeconds(60));

    public Task<ProcessResult> RunPostAsync(IReadOnlyDictionary<string, string> environment) =>
        ProcessRunner.RunAsync(NodePath, [Path.Combine(Root, "post.js")], environment, timeout: TimeSpan.FromSeconds(60));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void CopyJitDependencies(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "aws-temp-credentials.*"))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(from, "aws-temp-credentials.deps.json")));
        foreach (var target in deps.RootElement.GetProperty("targets").EnumerateObject())
        {
            foreach (var library in target.Value.EnumerateObject())
            {
                if (!library.Value.TryGetProperty("runtime", out var runtime))
                {
                    continue;
                }

                foreach (var assembly in runtime.EnumerateObject())
                {
                    var source = Path.Combine(from, Path.GetFileName(assembly.Name));
                    if (File.Exists(source))
                    {
                        File.Copy(source, Path.Combine(to, Path.GetFileName(assembly.Name)), overwrite: true);
                    }
                }
            }
        }
    }
}
