namespace AwsTempCredentials.Tests.AzureDevOps;

/// <summary>Several task instances in one job, a self-hosted agent with its own AWS credentials, access-key connections, cleanup.</summary>
public sealed class JobTests(AzureDevOpsTaskFixture fixture) : IClassFixture<AzureDevOpsTaskFixture>
{
    [Fact]
    public async Task Access_key_connection_assumes_the_role()
    {
        var agent = fixture.AccessKeys(fixture.NewAgent());

        var run = await fixture.RunAsync(agent);

        run.AssertSucceeded();
        run.AssertSecretsMasked([fixture.User.SecretAccessKey], fixture.AzureDevOps.SystemToken);
        var arn = await fixture.CallerArnAsync(agent.LaterStep(run.Log.LaterStepVariables()));
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/ak-deploy/", arn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_instances_with_different_profiles_share_the_files_and_both_profiles_work()
    {
        var agent = fixture.NewAgent();
        var connection = fixture.AzureDevOps.AddConnection("aws-two");
        var first = await fixture.RunAsync(fixture.AccessKeys(agent).Input("awsProfile", "keys"));
        var second = await fixture.RunAsync(agent
            .Input("authMethod", "oidc")
            .Input("awsProfile", "oidc")
            .ServiceConnection("awsServiceConnection", connection, "None", data: new Dictionary<string, string> { ["roleArn"] = fixture.OidcRole, ["region"] = "us-east-2", ["sessionName"] = "two-profiles" }));

        first.AssertSucceeded();
        second.AssertSucceeded();
        Assert.Equal(first.Variable("AWS_CONFIG_FILE"), second.Variable("AWS_CONFIG_FILE"));
        var later = agent.LaterStep(first.Log.LaterStepVariables(), second.Log.LaterStepVariables());
        Assert.Equal("oidc", later["AWS_PROFILE"]);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/oidc-deploy/two-profiles", await fixture.CallerArnAsync(later));
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/ak-deploy/", await fixture.CallerArnAsync(later, "--profile", "keys"), StringComparison.Ordinal);

        var post1 = await fixture.RunPostAsync(agent, second);
        var post2 = await fixture.RunPostAsync(agent, first);
        Assert.Equal(0, post1.Process.ExitCode);
        Assert.Equal(0, post2.Process.ExitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(agent.TempDirectory));
    }

    [Fact]
    public async Task Agent_environment_credentials_are_emptied_so_later_steps_use_ours()
    {
        var agent = fixture.AccessKeys(fixture.NewAgent())
            .AgentProcessVariable("AWS_ACCESS_KEY_ID", "AKIAAGENTMACHINEKEY1")
            .AgentProcessVariable("AWS_SECRET_ACCESS_KEY", "agent-machine-secret-key-not-ours")
            .AgentProcessVariable("AWS_SESSION_TOKEN", "agent-machine-session-token");

        var run = await fixture.RunAsync(agent);

        run.AssertSucceeded();
        Assert.Equal(string.Empty, run.Variable("AWS_ACCESS_KEY_ID"));
        Assert.Equal(string.Empty, run.Variable("AWS_SECRET_ACCESS_KEY"));
        Assert.Equal(string.Empty, run.Variable("AWS_SESSION_TOKEN"));
        Assert.Contains(run.Log.Warnings, w => w.Contains("AWS_ACCESS_KEY_ID", StringComparison.Ordinal) && w.Contains("set empty", StringComparison.Ordinal));
        var later = agent.LaterStep(run.Log.LaterStepVariables());
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/ak-deploy/", await fixture.CallerArnAsync(later), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_job_step_removes_every_file_the_main_step_wrote()
    {
        var agent = fixture.AccessKeys(fixture.NewAgent());
        var run = await fixture.RunAsync(agent);
        run.AssertSucceeded();
        var written = run.Log.TaskVariables.Values.ToList();
        Assert.Contains(run.Variable("AWS_SHARED_CREDENTIALS_FILE")!, written);
        Assert.Contains(run.Variable("AWS_CONFIG_FILE")!, written);
        Assert.Contains(run.Log.Named("task.uploadsummary").Single().Data, written);
        Assert.All(written, path => Assert.True(File.Exists(path), path));

        var post = await fixture.RunPostAsync(agent, run);

        Assert.Equal(0, post.Process.ExitCode);
        Assert.All(written, path => Assert.False(File.Exists(path), path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(agent.TempDirectory));
    }
}
