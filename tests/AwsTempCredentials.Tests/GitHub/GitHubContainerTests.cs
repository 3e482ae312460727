using AwsTempCredentials.Testing;
using AwsTempCredentials.Testing.GitHub;
using AwsTempCredentials.Testing.Pki;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>
/// The action's image run as the runner runs a container action. Skipped where podman or runc is missing; on CI
/// (CI=true) a missing one fails (see <see cref="Requires"/>).
/// </summary>
public sealed class GitHubContainerTests
{
    [Fact]
    public async Task Oidc_through_the_container()
    {
        Requires.Containers();
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.DeployStep().With("output-credentials", "true");

        var result = await ContainerAction.RunAsync(runner);

        Assert.True(result.ExitCode == 0, result.ToString());
        var env = runner.EnvFileValues();
        Assert.Equal(world.Iam.Credentials.Issued.Single().AccessKeyId, env["AWS_ACCESS_KEY_ID"]);
        Assert.Equal(GitHubAwsWorld.Account.Id, runner.Outputs()["aws-account-id"]);
        EntrypointAssert.MasksFirst(result, world.Secrets());
        var cli = await world.AwsCliAsync(env, runner.Home);
        Assert.True(cli.ExitCode == 0, cli.ToString());
    }

    [Fact]
    public async Task Roles_anywhere_through_the_container_over_tls_with_the_image_trust_store()
    {
        Requires.Containers();
        await using var aws = await FakeAws.StartAsync(new FakeAwsOptions { Https = true });
        var leaf = TestPki.Shared.Leaf(TestKeyType.EcP256, viaIntermediate: true);
        using var runner = GitHubAwsWorld.RolesAnywhereStep(aws, leaf).With("certificate-chain", leaf.ChainPem);

        // The test CA joins the bundle at the path the image's OpenSSL reads (SSL_CERT_FILE): no libssl, no trust, no pass.
        var bundle = Path.Combine(runner.Root, "ca-certificates.crt");
        await File.WriteAllTextAsync(bundle, await File.ReadAllTextAsync(aws.CaBundlePath!));
        var result = await ContainerAction.RunAsync(runner, new Dictionary<string, string> { [bundle] = "/etc/ssl/certs/ca-certificates.crt" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(Assert.Single(aws.CreateSessionRequests).Succeeded);
        var env = runner.EnvFileValues();
        Assert.False(string.IsNullOrEmpty(env["AWS_SESSION_TOKEN"]));
        EntrypointAssert.MasksFirst(result, aws.Credentials.Issued.SelectMany(c => new[] { c.AccessKeyId, c.SecretAccessKey, c.SessionToken ?? string.Empty })
            .Append(leaf.PrivateKeyPkcs8Pem));
    }
}
