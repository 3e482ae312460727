namespace AwsTempCredentials.Tests.GitHub;

/// <summary>429 from the runner's ID-token endpoint is throttling: waited out, honouring its Retry-After.</summary>
public sealed class GitHubThrottlingTests
{
    [Fact]
    public async Task A_rate_limited_id_token_request_is_waited_out_as_retry_after_asks()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        world.GitHub.FailureStatus = 429;
        world.GitHub.FailuresBeforeSuccess = 2;
        using var runner = world.DeployStep().With("retry-max-attempts", "1");

        var result = await runner.RunEntrypointAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([(GitHubAwsWorld.Audience, 429), (GitHubAwsWorld.Audience, 429), (GitHubAwsWorld.Audience, 200)], world.GitHub.Requests.ToArray());
        Assert.Equal(2, result.Stdout.Split('\n').Count(line => line.Contains("ID-token request is throttled (HTTP 429); next attempt in 1.0 s", StringComparison.Ordinal)));
        EntrypointAssert.MasksFirst(result, world.Secrets());
    }

    [Theory]
    [InlineData("throttling-budget-s", "0")]
    [InlineData("disable-retry", "true")]
    public async Task The_id_token_request_waits_only_within_the_runs_own_throttling_budget(string input, string value)
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        world.GitHub.FailureStatus = 429;
        world.GitHub.FailuresBeforeSuccess = 2;
        using var runner = world.Runner().With("role-to-assume", world.DeployRole).With("aws-region", "eu-west-1").With(input, value);

        var result = await runner.RunEntrypointAsync();

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Equal([(GitHubAwsWorld.Audience, 429)], world.GitHub.Requests.ToArray());
        EntrypointAssert.FailedCleanly(result, runner, world.Secrets(), "ID-token request", "throttl");
    }
}
