using AwsTempCredentials.Testing.AzureDevOps;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.AzureDevOps;

/// <summary>
/// What a later AWS Toolkit task uses after this task ran (its resolution from the job's variables, then the AWS CLI
/// with what it resolved): all AWS.* credential variables are always set, so a token of an earlier run never pairs
/// with new keys, and with refresh they are left empty so the toolkit reaches the refreshing profile.
/// </summary>
public sealed class ToolkitHandoffTests(AzureDevOpsTaskFixture fixture) : IClassFixture<AzureDevOpsTaskFixture>
{
    [Fact]
    public async Task Access_keys_alone_after_a_run_with_a_session_token_clear_the_old_token()
    {
        var agent = fixture.NewAgent();
        var withToken = await fixture.RunAsync(Oidc(agent));
        withToken.AssertSucceeded();
        Assert.NotEmpty(withToken.Variable("AWS.SessionToken")!);

        var keysAlone = await fixture.RunAsync(fixture.AccessKeys(agent, assumeRole: false));

        Assert.True(keysAlone.Process.ExitCode == 0, keysAlone.Process.ToString());
        var command = keysAlone.Log.Variable("AWS.SessionToken");
        Assert.True(command is not null && command.Flag("issecret") && command.Data.Length == 0, "AWS.SessionToken was not cleared.\n" + keysAlone.Process);
        Assert.Equal(string.Empty, keysAlone.Variable("sessionToken"));
        var toolkit = ToolkitCredentials.Resolve(withToken.Log, keysAlone.Log);
        Assert.NotNull(toolkit);
        Assert.Equal(fixture.User.AccessKeyId, toolkit.AccessKeyId);
        Assert.Null(toolkit.SessionToken);

        // The credentials the toolkit would hand its SDK work (the CLI standing in for the SDK).
        var environment = toolkit.AsEnvironment();
        environment["PATH"] = "/usr/bin:/bin";
        environment["HOME"] = agent.TempDirectory;
        environment["AWS_REGION"] = keysAlone.Variable("AWS.Region")!;
        Assert.Equal(fixture.User.Arn, await fixture.CallerArnAsync(environment));

        // What the toolkit sent before: the new key with the earlier run's token, which STS refuses.
        environment["AWS_SESSION_TOKEN"] = withToken.Variable("AWS.SessionToken")!;
        var stale = await ProcessRunner.RunAsync(
            Requires.AwsCli(), ["sts", "get-caller-identity", "--endpoint-url", fixture.Aws.StsUrl.ToString()], environment, timeout: TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, stale.ExitCode);
    }

    [Fact]
    public async Task With_refresh_the_toolkit_falls_back_to_the_refreshing_profile_even_after_a_static_run()
    {
        var agent = fixture.NewAgent();
        var staticRun = await fixture.RunAsync(fixture.AccessKeys(agent).Input("awsProfile", "static"));
        staticRun.AssertSucceeded();
        Assert.NotNull(ToolkitCredentials.Resolve(staticRun.Log));

        var refreshing = await fixture.RunAsync(Oidc(agent).Input("refresh", "true").Input("awsProfile", "refreshing"));

        refreshing.AssertSucceeded(refresh: true);
        Assert.Null(ToolkitCredentials.Resolve(staticRun.Log, refreshing.Log));
        Assert.Equal("1", refreshing.Variable("AWS_SDK_LOAD_CONFIG"));
        Assert.Equal("refreshing", refreshing.Variable("AWS_PROFILE"));
        Assert.Equal("eu-west-1", refreshing.Variable("AWS.Region"));

        // The SDK chain the toolkit falls back to: environment (nothing), then the profile's credential_process.
        var before = fixture.AzureDevOps.IssuedTokens.Count;
        var later = agent.LaterStep(staticRun.Log.LaterStepVariables(), refreshing.Log.LaterStepVariables());
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/oidc-deploy/", await fixture.CallerArnAsync(later), StringComparison.Ordinal);
        Assert.True(fixture.AzureDevOps.IssuedTokens.Count > before, "credential_process did not run.");
    }

    private AgentEnvironment Oidc(AgentEnvironment agent) => fixture.Oidc(agent, fixture.AzureDevOps.AddConnection("aws-toolkit"));
}
