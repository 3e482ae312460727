using AwsTempCredentials.Tests.AzureDevOps;
using AwsTempCredentials.Tests.GitHub;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Explain;

/// <summary>The explain input of the Azure DevOps task: the step prints what AWS must trust for the connection's token and succeeds without calling AWS.</summary>
public sealed class ExplainTaskTests(AzureDevOpsTaskFixture fixture) : IClassFixture<AzureDevOpsTaskFixture>
{
    [Fact]
    public async Task The_task_explains_its_connection_token_masks_it_and_exports_nothing()
    {
        var id = fixture.AzureDevOps.AddConnection("aws-explained");
        var agent = fixture.Oidc(fixture.NewAgent(), id).Input("explain", "true");
        var stsCalls = fixture.Aws.Sts.Requests.Total;

        var run = await fixture.RunAsync(agent);

        Assert.True(run.Process.ExitCode == 0 && run.Log.Errors.Count == 0, run.Process.ToString());
        Assert.NotEqual("Failed", run.Log.Result);
        ExplainRun.AssertField(run.Process.Stdout, "iss", fixture.AzureDevOps.Issuer);
        ExplainRun.AssertField(run.Process.Stdout, "Provider URL", fixture.AzureDevOps.Issuer);
        ExplainRun.AssertField(run.Process.Stdout, "Audience", "api://AzureADTokenExchange");
        Assert.Matches(@"(?m)^  sub:\s+sc://[^/]+/[^/]+/aws-explained$", run.Process.Stdout);
        Assert.Contains("Azure DevOps (Azure DevOps issuer)", run.Process.Stdout, StringComparison.Ordinal);
        Assert.Contains("resource \"aws_iam_openid_connect_provider\" \"ci\"", run.Process.Stdout, StringComparison.Ordinal);
        Assert.Empty(run.Log.SetVariables);
        Assert.Equal(stsCalls, fixture.Aws.Sts.Requests.Total);
        run.AssertSecretsMasked(fixture.AzureDevOps.IssuedTokens, fixture.AzureDevOps.SystemToken);
    }

    [Fact]
    public async Task A_bad_explain_value_fails_naming_the_input()
    {
        var agent = fixture.NewAgent().Input("explain", "yes");

        var run = await fixture.RunAsync(agent);

        run.AssertFailedWithNothingExported("explain");
        Assert.Equal(2, run.Process.ExitCode);
    }
}

/// <summary>The explain input of the GitHub action, run as the runner runs the container's entrypoint.</summary>
public sealed class ExplainActionTests
{
    [Fact]
    public async Task The_action_explains_the_job_token_masks_it_and_exports_nothing()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.DeployStep().With("explain", "true");

        var result = await runner.RunEntrypointAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        ExplainRun.AssertField(result.Stdout, "sub", world.GitHub.Subject);
        Assert.Contains("The sub condition pins repository octo-org/octo-repo and refs/heads/main", result.Stdout, StringComparison.Ordinal);
        ExplainRun.AssertField(result.Stdout, "Provider ARN", "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com");
        Assert.Contains($"\"token.actions.githubusercontent.com:sub\": \"{world.GitHub.Subject}\"", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("::error", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(world.Sts.AssumeRoleRequests);
        Assert.False(runner.EnvFileValues().ContainsKey("AWS_ACCESS_KEY_ID"));
        Assert.Empty(runner.Outputs());
        EntrypointAssert.MasksFirst(result, world.GitHub.IssuedTokens);
        Assert.NotEmpty(world.GitHub.IssuedTokens);
    }

    [Fact]
    public async Task A_bad_explain_value_fails_naming_the_input()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.Runner().With("role-to-assume", world.DeployRole).With("explain", "yes");

        var result = await runner.RunEntrypointAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("::error", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("explain", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(world.Sts.AssumeRoleRequests);
        SecretScan.AssertAbsent(result.AllOutput, world.GitHub.IssuedTokens, "output");
    }
}
