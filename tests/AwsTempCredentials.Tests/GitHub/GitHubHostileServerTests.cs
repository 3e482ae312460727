using AwsTempCredentials.Testing.Hosting;
using AwsTempCredentials.Tests.Hosting;
using static AwsTempCredentials.Tests.GitHub.GitHubFailureAssert;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>
/// The runner's ID-token endpoint and STS answered by a hostile loopback server (a TLS-inspecting proxy's page, a cut
/// connection, a flood, a trickle, a redirect to another host): a clear error with a documented exit code, the
/// bearer and OIDC tokens never sent elsewhere nor printed, nothing exported.
/// </summary>
public sealed class GitHubHostileServerTests
{
    private const string RequestToken = "ghs_hostileRequestTokenThatMustNeverLeak0123";

    [Theory]
    [MemberData(nameof(HostileCases.Every), MemberType = typeof(HostileCases))]
    public async Task Hostile_id_token_endpoint(HostileAnswer answer)
    {
        var (exitCode, cause) = HostileCases.Expected(answer);
        await using var world = await GitHubAwsWorld.StartAsync();
        await using var hostile = await HostileEndpoint.StartAsync(answer);
        using var runner = world.Runner(idToken: false)
            .With("role-to-assume", world.DeployRole).With("aws-region", "eu-west-1").With("action-timeout-s", HostileEndpoint.DeadlineSeconds(answer))
            .WithIdToken(hostile.Url("_apis/distributedtask/hubs/Actions/plans/1/jobs/2/idtoken?api-version=2.0"), RequestToken);
        var before = FilesBefore.Of(runner.EnvFile, runner.OutputFile, Path.Combine(runner.Home, ".aws", "credentials"));

        var result = await runner.RunEntrypointAsync(TimeSpan.FromSeconds(60));

        var error = Failed($"id-token {answer}", result, runner, exitCode, world.Secrets().Append(RequestToken), before, cause);
        if (exitCode == 8)
        {
            Assert.Contains("ID-token endpoint", error.Data, StringComparison.Ordinal);
        }

        HostileCases.AssertContained(hostile, result.Elapsed);
        Assert.Empty(world.Sts.AssumeRoleRequests);
    }

    [Theory]
    [MemberData(nameof(HostileCases.StsRedirects), MemberType = typeof(HostileCases))]
    public async Task Sts_redirect_is_not_followed_with_the_oidc_token(HostileAnswer answer)
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        await using var hostile = await HostileEndpoint.StartAsync(answer);
        using var runner = world.Runner()
            .With("role-to-assume", world.DeployRole).With("aws-region", "eu-west-1").With("disable-retry", "true")
            .WithEnv("AWS_ENDPOINT_URL_STS", hostile.BaseAddress.ToString());
        var before = FilesBefore.Of(runner.EnvFile, runner.OutputFile);

        var result = await runner.RunEntrypointAsync(TimeSpan.FromSeconds(60));

        Failed($"sts {answer}", result, runner, HostileCases.StsRedirectExitCode, world.Secrets(), before, HostileCases.StsRedirectWords);
        HostileCases.AssertContained(hostile, result.Elapsed);
        Assert.NotEmpty(world.GitHub.IssuedTokens);
    }
}
