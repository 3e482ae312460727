using static AwsTempCredentials.Tests.AzureDevOps.TaskFailureAssert;

namespace AwsTempCredentials.Tests.AzureDevOps;

/// <summary>
/// The task's hand-off (refresh secret files, profile, summary, then every variable) is one transaction: a file that
/// cannot be written fails the task with no variable set, and the files of an earlier task instance stay as they were.
/// </summary>
public sealed class HandoffTests(AzureDevOpsTaskFixture fixture) : IClassFixture<AzureDevOpsTaskFixture>
{
    [Theory]
    [InlineData("config", false)]
    [InlineData("credentials", false)]
    [InlineData("summary-default.md", false)]
    [InlineData("default.secret-access-key", true)]
    public async Task A_task_file_that_is_a_directory_fails_the_task_with_nothing_exported(string blocked, bool refresh)
    {
        var agent = fixture.AccessKeys(fixture.NewAgent()).Input("refresh", refresh ? "true" : "false");
        var directory = Path.Combine(agent.TempDirectory, "aws-temp-credentials");
        Directory.CreateDirectory(Path.Combine(directory, blocked));

        var run = await fixture.RunAsync(agent);

        Failed($"task file {blocked} is a directory", run, agent, 8, Secrets(fixture), blocked, "directory", "Nothing was");
        Assert.NotEmpty(fixture.Aws.Credentials.Issued);
        Assert.All(new[] { "credentials", "config" }.Where(f => f != blocked), f => Assert.False(File.Exists(Path.Combine(directory, f)), f));
        Assert.Empty(Directory.EnumerateFiles(directory));
    }

    [Fact]
    public async Task A_failing_second_instance_leaves_the_first_instances_profile_files_as_they_were()
    {
        var agent = fixture.AccessKeys(fixture.NewAgent()).Input("awsProfile", "first");
        var first = await fixture.RunAsync(agent);
        first.AssertSucceeded();
        var credentials = first.Variable("AWS_SHARED_CREDENTIALS_FILE")!;
        var config = first.Variable("AWS_CONFIG_FILE")!;
        var (credentialsBefore, configBefore) = (File.ReadAllText(credentials), File.ReadAllText(config));
        Directory.CreateDirectory(Path.Combine(agent.TempDirectory, "aws-temp-credentials", "summary-second.md"));

        var second = await fixture.RunAsync(agent.Input("awsProfile", "second"));

        var secondSecrets = Secrets(fixture).Except([first.Variable("AWS.SecretAccessKey")!, first.Variable("AWS.AccessKeyID")!, first.Variable("AWS.SessionToken")!]);
        Assert.Equal(8, second.Process.ExitCode);
        Assert.Contains(second.Log.Errors, e => e.Contains("summary-second.md", StringComparison.Ordinal) && e.Contains("directory", StringComparison.Ordinal));
        Assert.Empty(second.Log.SetVariables);
        Testing.Hosting.AdversarialMatrix.Record("azure-devops", "second instance summary is a directory", second.Process.ExitCode, second.Process.Elapsed);
        Assert.Equal(credentialsBefore, File.ReadAllText(credentials));
        Assert.Equal(configBefore, File.ReadAllText(config));
        Testing.Processes.SecretScan.AssertAbsent(credentialsBefore + configBefore, secondSecrets, "the first instance's profile files");
    }
}
