using AwsTempCredentials.Testing.GitHub;
using AwsTempCredentials.Testing.Hosting;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>
/// sts-endpoint, http-proxy, no-proxy and unset-current-credentials travel as values into every call the step makes —
/// use-existing-credentials' probe included — instead of through the process environment.
/// </summary>
public sealed class GitHubStepNetworkTests
{
    /// <summary>Where AWS_ENDPOINT_URL_STS points when a test wants sts-endpoint to be the only way to the fake: nothing listens.</summary>
    private const string NowhereSts = "http://127.0.0.1:9/";

    [Fact]
    public async Task Sts_endpoint_wins_over_the_runner_environment()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.Runner().WithEnv("AWS_ENDPOINT_URL_STS", NowhereSts)
            .With("role-to-assume", world.DeployRole).With("aws-region", "eu-west-1").With("sts-endpoint", world.Sts.BaseAddress.ToString());

        var result = await runner.RunEntrypointAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, world.Sts.Requests["AssumeRoleWithWebIdentity"]);
    }

    [Fact]
    public async Task Http_proxy_carries_the_sts_call_and_no_proxy_bypasses_it()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        await using var proxy = await ForwardProxy.StartAsync();
        using var through = world.DeployStep().With("http-proxy", proxy.Address.ToString());

        var result = await through.RunEntrypointAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([("POST", world.Sts.BaseAddress)], proxy.Forwarded.ToArray());

        using var around = world.DeployStep()
            .With("http-proxy", proxy.Address.ToString()).With("no-proxy", "localhost,127.0.0.1");
        Assert.Equal(0, (await around.RunEntrypointAsync()).ExitCode);
        Assert.Single(proxy.Forwarded);
    }

    [Fact]
    public async Task Use_existing_credentials_probes_with_the_step_endpoint_and_proxy()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        await using var proxy = await ForwardProxy.StartAsync();
        using var runner = world.Runner().WithEnv("AWS_ENDPOINT_URL_STS", NowhereSts)
            .With("role-to-assume", world.DeployRole).With("aws-region", "eu-west-1").With("use-existing-credentials", "true")
            .With("sts-endpoint", world.Sts.BaseAddress.ToString()).With("http-proxy", proxy.Address.ToString())
            .WithEnv("AWS_ACCESS_KEY_ID", world.User.AccessKeyId).WithEnv("AWS_SECRET_ACCESS_KEY", world.User.SecretAccessKey);

        var result = await runner.RunEntrypointAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(WorkflowCommandParser.Parse(result.Stdout), c => c.Name == "notice" && c.Data.Contains("use-existing-credentials", StringComparison.Ordinal));
        Assert.Equal(1, world.Sts.Requests["GetCallerIdentity"]);
        Assert.Equal([("POST", world.Sts.BaseAddress)], proxy.Forwarded.ToArray());
        Assert.Empty(world.Sts.AssumeRoleRequests);
        Assert.Empty(runner.EnvFileValues());
    }

    [Fact]
    public async Task Unset_current_credentials_keeps_the_probe_from_the_jobs_credentials_and_fetches_new_ones()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.Runner()
            .With("role-to-assume", world.DeployRole).With("aws-region", "eu-west-1")
            .With("use-existing-credentials", "true").With("unset-current-credentials", "true")
            .WithEnv("AWS_ACCESS_KEY_ID", world.User.AccessKeyId).WithEnv("AWS_SECRET_ACCESS_KEY", world.User.SecretAccessKey);

        var result = await runner.RunEntrypointAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0, world.Sts.Requests["GetCallerIdentity"]);
        Assert.Equal(1, world.Sts.Requests["AssumeRoleWithWebIdentity"]);
        var issued = Assert.Single(world.Iam.Credentials.Issued);
        Assert.Equal(issued.AccessKeyId, runner.EnvFileValues()["AWS_ACCESS_KEY_ID"]);
        EntrypointAssert.MasksFirst(result, world.Secrets());
    }
}
