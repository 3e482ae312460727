using AwsTempCredentials.Testing.AzureDevOps;
using AwsTempCredentials.Testing.Hosting;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.AzureDevOps;

/// <summary>
/// One adversarial case of the task: the documented exit code, an error issue naming the cause, result Failed, no
/// variable set and no summary uploaded, no secret in clear on stdout (outside the agent's masking commands), on
/// stderr or in any file under the agent's temp directory.
/// </summary>
internal static class TaskFailureAssert
{
    public static string Failed(string name, TaskRun run, AgentEnvironment agent, int exitCode, IEnumerable<string> secrets, params string[] words)
    {
        AdversarialMatrix.Record("azure-devops", name, run.Process.ExitCode, run.Process.Elapsed);
        Assert.True(run.Process.ExitCode == exitCode, $"exit {run.Process.ExitCode}, expected {exitCode}\n{run.Process}");
        Assert.Equal("Failed", run.Log.Result);
        var error = string.Join("\n", run.Log.Errors);
        foreach (var expected in words)
        {
            Assert.True(error.Contains(expected, StringComparison.OrdinalIgnoreCase), $"The error does not say '{expected}':\n{error}\n\n{run.Process}");
        }

        Assert.DoesNotContain("   at ", run.Process.Stdout + run.Process.Stderr, StringComparison.Ordinal);
        var exported = run.Log.SetVariables.Select(c => c.Property("variable")!).ToList();
        Assert.True(exported.Count == 0, $"Variables set despite the failure: {string.Join(", ", exported)}\n{run.Process}");
        Assert.DoesNotContain(run.Log.Commands, c => c.Name == "task.uploadsummary");
        var list = secrets.Where(s => s.Length >= 4).ToList();
        SecretScan.AssertMaskedFirst(run.Process.Stdout, list, LoggingCommandParser.IsMaskCommand);
        SecretScan.AssertAbsent(run.Process.Stderr, list, "stderr");
        foreach (var file in Directory.EnumerateFiles(agent.TempDirectory, "*", SearchOption.AllDirectories))
        {
            SecretScan.AssertAbsent(File.ReadAllText(file), list, file);
        }

        return error;
    }

    /// <summary>Every secret the fixture's world handed out or holds: issued AWS credentials, OIDC tokens, the job's token, the user's key.</summary>
    public static IEnumerable<string> Secrets(AzureDevOpsTaskFixture fixture) =>
        fixture.Aws.Credentials.Issued.SelectMany(c => new[] { c.AccessKeyId, c.SecretAccessKey, c.SessionToken ?? string.Empty })
            .Concat(fixture.AzureDevOps.IssuedTokens)
            .Append(fixture.AzureDevOps.SystemToken)
            .Append(fixture.User.SecretAccessKey);
}
