using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Testing.GitHub;

/// <summary>
/// The action's container image, run the way the runner runs a container action (action/run-like-runner.sh:
/// <c>-e</c> for inputs and context, the file_commands/home/workflow/workspace mounts, <c>--network host</c> to reach
/// loopback fakes). The image is <c>AWSTC_ACTION_IMAGE</c> when set, else built once per test run with
/// action/build-image.sh (from the AOT binary under test when there is one).
/// </summary>
public static class ContainerAction
{
    public const string ImageVariable = "AWSTC_ACTION_IMAGE";
    private static readonly SemaphoreSlim BuildLock = new(1, 1);
    private static string? _image;

    public static string RepositoryRoot => Path.GetDirectoryName(ActionMetadata.FindActionYml())!;

    /// <summary>
    /// Why containers cannot run here (podman or runc missing), or null when they can. The tests decide what a missing
    /// one means: skipped, or failed on CI.
    /// </summary>
    public static string? Unavailable()
    {
        var missing = new[] { "podman", "runc" }.Where(p => FindOnPath(p) is null).ToList();
        return missing.Count == 0 ? null : $"{string.Join(" and ", missing)} not installed (Debian packages podman, runc)";
    }

    public static async Task<string> ImageAsync()
    {
        if (Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } given)
        {
            return given;
        }

        await BuildLock.WaitAsync();
        try
        {
            if (_image is not null)
            {
                return _image;
            }

            const string tag = "localhost/aws-temp-credentials-action:test";
            var environment = new Dictionary<string, string>(ProcessRunner.BaseEnvironment()) { ["ATC_IMAGE"] = tag, ["ATC_SKIP_CHECKS"] = "1" };
            if (ProductBinary.IsNativeAot)
            {
                environment["ATC_BINARY"] = ProductBinary.Path;
            }

            var result = await ProcessRunner.RunAsync("bash", [Path.Combine(RepositoryRoot, "action", "build-image.sh")], environment, timeout: TimeSpan.FromMinutes(15));
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException("action/build-image.sh failed:\n" + result);
            }

            return _image = tag;
        }
        finally
        {
            BuildLock.Release();
        }
    }

    /// <summary>Runs the image on this runner environment; its file commands land in the runner's files.</summary>
    /// <param name="mounts">Extra read-only mounts, host path → container path (a CA bundle).</param>
    public static async Task<ProcessResult> RunAsync(RunnerEnvironment runner, IReadOnlyDictionary<string, string>? mounts = null, TimeSpan? timeout = null)
    {
        var image = await ImageAsync();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in runner.Build())
        {
            // Paths are the script's to set (container paths); everything else is the step's environment.
            if (name is not ("HOME" or "PATH" or "TMPDIR" or "DOTNET_ROOT" or "RUNNER_TEMP" or "GITHUB_WORKSPACE" or "GITHUB_EVENT_PATH")
                && !(name.StartsWith("GITHUB_", StringComparison.Ordinal) && value.StartsWith(runner.Root, StringComparison.Ordinal)))
            {
                environment[name] = value;
            }
        }

        environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        environment["ATC_IMAGE"] = image;
        environment["ATC_RUNNER_TEMP"] = runner.Root;
        environment["ATC_FILE_COMMAND_SUFFIX"] = runner.FileCommandSuffix;
        if (mounts is { Count: > 0 })
        {
            environment["ATC_PODMAN_ARGS"] = string.Join(' ', mounts.Select(m => $"-v {m.Key}:{m.Value}:ro"));
        }

        return await ProcessRunner.RunAsync("bash", [Path.Combine(RepositoryRoot, "action", "run-like-runner.sh")], environment, timeout: timeout ?? TimeSpan.FromMinutes(2));
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
