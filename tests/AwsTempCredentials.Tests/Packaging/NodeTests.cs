using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Packaging;

/// <summary>
/// The launcher's own tests and the task.json / vss-extension.json validation (schema and tfx's rules), run with
/// node as part of the one test command.
/// </summary>
public class NodeTests
{
    private static string TasksDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Extension.sln")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("Extension.sln not found above the test binaries."), "tasks");
        }
    }

    [Fact]
    public async Task Launcher_and_task_validation_tests_pass_under_node()
    {
        var environment = new Dictionary<string, string>(ProcessRunner.BaseEnvironment());
        var result = await ProcessRunner.RunAsync("node", ["--test", "test/"], environment, timeout: TimeSpan.FromMinutes(3), workingDirectory: TasksDirectory);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^# pass [1-9]\d*$", result.Stdout);
        Assert.Matches(@"(?m)^# fail 0$", result.Stdout);
    }
}
