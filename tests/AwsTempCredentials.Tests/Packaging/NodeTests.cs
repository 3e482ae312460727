using System.Text.RegularExpressions;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Packaging;

/// <summary>
/// The launcher's own tests and the task.json / vss-extension.json validation (schema and tfx's rules), run with
/// node as part of the one test command.
/// </summary>
public partial class NodeTests
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

        // A node test that skipped (the schema checks without `npm ci` in tasks/) makes this one skipped, not passed.
        var skipped = SkippedNodeTest().Matches(result.Stdout).Select(m => m.Groups["reason"].Value.Trim()).Distinct().ToList();
        Requires.Check(skipped.Count == 0 ? null : "node tests skipped: " + string.Join("; ", skipped));
    }

    [GeneratedRegex(@"(?m)^\s*ok \d+ - .*# SKIP(?<reason>.*)$")]
    private static partial Regex SkippedNodeTest();
}
