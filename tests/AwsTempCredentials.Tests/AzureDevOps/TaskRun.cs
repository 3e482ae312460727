using AwsTempCredentials.Testing.AzureDevOps;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.AzureDevOps;

/// <summary>One run of the task's main (or post-job) step and what the agent would read from it.</summary>
public sealed record TaskRun(ProcessResult Process, LoggingCommandParser Log)
{
    public static TaskRun From(ProcessResult process) => new(process, LoggingCommandParser.Parse(process.Stdout));

    /// <summary>Failed the agent's way: error issue(s), task.complete Failed, non-zero exit, and nothing exported.</summary>
    public void AssertFailedWithNothingExported(string expectedInError)
    {
        Assert.True(Process.ExitCode != 0, Process.ToString());
        Assert.Equal("Failed", Log.Result);
        Assert.Contains(Log.Errors, e => e.Contains(expectedInError, StringComparison.OrdinalIgnoreCase));
        var exported = Log.SetVariables.Select(c => c.Property("variable")!).ToList();
        Assert.True(exported.Count == 0, $"Variables set despite the failure: {string.Join(", ", exported)}\n{Process}");
        Assert.DoesNotContain(Log.Commands, c => c.Name == "task.uploadsummary");
    }
}
