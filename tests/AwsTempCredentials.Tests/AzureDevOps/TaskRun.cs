using AwsTempCredentials.Testing.AzureDevOps;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.AzureDevOps;

/// <summary>One run of the task's main (or post-job) step and what the agent would read from it.</summary>
public sealed record TaskRun(ProcessResult Process, LoggingCommandParser Log)
{
    public static TaskRun From(ProcessResult process) => new(process, LoggingCommandParser.Parse(process.Stdout));

    public string? Variable(string name) => Log.Variable(name)?.Data;

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

    /// <summary>
    /// Succeeded, with credentials for the later steps and the AWS Toolkit. With <paramref name="refresh"/> the
    /// toolkit's AWS.* credential variables are set empty, so the toolkit reaches the refreshing profile.
    /// </summary>
    public void AssertSucceeded(bool refresh = false)
    {
        Assert.True(Process.ExitCode == 0 && Log.Result == "Succeeded" && Log.Errors.Count == 0, Process.ToString());
        foreach (var name in new[] { "AWS.AccessKeyID", "AWS.SecretAccessKey", "AWS.SessionToken", "accessKeyId", "secretAccessKey", "sessionToken" })
        {
            var command = Log.Variable(name);
            var empty = refresh && name.StartsWith("AWS.", StringComparison.Ordinal);
            Assert.True(command is not null && command.Flag("issecret") && (command.Data.Length == 0) == empty, $"{name} is not set as a secret{(empty ? " left empty" : string.Empty)}.\n{Process}");
        }

        Assert.Equal("1", Variable("AWS_SDK_LOAD_CONFIG"));
        Assert.NotNull(Variable("AWS_SHARED_CREDENTIALS_FILE"));
        Assert.NotNull(Variable("AWS_CONFIG_FILE"));
        Assert.NotNull(Variable("AWS_PROFILE"));
        Assert.True(Log.Variable("awsAccountId")!.Flag("isoutput"));
        Assert.True(Log.Variable("secretAccessKey")!.Flag("isoutput"));
    }

    /// <summary>
    /// Every secret was registered before it appeared on stdout and appears nowhere else in clear (stdout outside
    /// masking commands and secret variables, stderr, the summary file). The job's access token never appears at all.
    /// </summary>
    public void AssertSecretsMasked(IEnumerable<string> inputSecrets, string systemToken)
    {
        var credentials = new[] { "AWS.AccessKeyID", "AWS.SecretAccessKey", "AWS.SessionToken" }.Select(Variable).OfType<string>();
        var secrets = inputSecrets.Concat(credentials).Where(s => s.Length > 0).ToList();
        SecretScan.AssertMaskedFirst(Process.Stdout, secrets, LoggingCommandParser.IsMaskCommand, IsSecretCommand);
        SecretScan.AssertAbsent(Process.Stderr, secrets.Append(systemToken), "stderr");
        SecretScan.AssertAbsent(Process.Stdout, [systemToken], "stdout");
        foreach (var summary in Log.Named("task.uploadsummary").Select(c => c.Data))
        {
            SecretScan.AssertAbsent(File.ReadAllText(summary), secrets.Append(systemToken), "the summary");
        }
    }

    private static bool IsSecretCommand(string line) =>
        LoggingCommandParser.TryParse(line) is { } command
        && (command.Name == "task.setsecret" || (command.Name == "task.setvariable" && command.Flag("issecret")));
}
