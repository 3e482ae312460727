using AwsTempCredentials.Testing;
using AwsTempCredentials.Testing.GitHub;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>The cert-store and cert-selector inputs on a self-hosted (Linux) runner whose user's .NET store holds the certificate.</summary>
public sealed class GitHubCertificateStoreTests
{
    [Theory]
    [InlineData(ActionEntry.Entrypoint)]
    [InlineData(ActionEntry.NodeLauncher)]
    public async Task The_store_certificate_gives_credentials_the_aws_cli_uses(ActionEntry entry)
    {
        await using var aws = await FakeAws.StartAsync(new FakeAwsOptions { Https = true });
        var leaf = TestPki.Shared.Leaf(TestKeyType.EcP256, viaIntermediate: true);
        var role = aws.AddRole("ra-deploy");
        var anchor = aws.AddTrustAnchor(TestPki.Shared.Root);
        var profile = aws.AddProfile([role.Arn]);
        using var runner = new RunnerEnvironment()
            .WithEnv("AWS_ENDPOINT_URL_STS", aws.StsUrl.ToString())
            .WithEnv("AWS_ENDPOINT_URL_ROLESANYWHERE", aws.RolesAnywhereUrl.ToString())
            .WithEnv("AWS_CA_BUNDLE", aws.CaBundlePath!)
            .With("trust-anchor-arn", anchor.Arn).With("profile-arn", profile.Arn).With("role-to-assume", role.Arn)
            .With("cert-store", @"CurrentUser\My")
            .With("cert-selector", $"Key=x509Subject,Value=CN=EcP256-via-intermediate,O=AwsTempCredentials Tests Key=x509Serial,Value={leaf.SerialNumberHex}");
        using var store = new DotNetUserStore(runner.Home);
        store.AddWithKey(leaf);
        store.AddWithKey(TestPki.Shared.Leaf(TestKeyType.Rsa2048));
        store.AddIntermediates(leaf.Intermediates);

        var result = await runner.RunStepAsync(entry);

        Assert.True(result.ExitCode == 0, result.ToString());
        var session = Assert.Single(aws.CreateSessionRequests);
        Assert.Equal(leaf.SerialNumberDecimal, session.CredentialSerial);
        Assert.Equal(1, session.ChainLength);
        var env = runner.EnvFileValues();
        var cli = await ProcessRunner.RunAsync(Requires.AwsCli(), ["sts", "get-caller-identity", "--endpoint-url", aws.StsUrl.ToString()],
            new Dictionary<string, string>(env) { ["PATH"] = "/usr/bin:/bin", ["HOME"] = runner.Home, ["AWS_CA_BUNDLE"] = aws.CaBundlePath! });
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Contains($"assumed-role/ra-deploy/{leaf.SerialNumberHex}", cli.Stdout, StringComparison.Ordinal);
        var keyLines = leaf.PrivateKeyPkcs8Pem.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("-----", StringComparison.Ordinal));
        SecretScan.AssertAbsent(result.Stdout + result.Stderr + runner.StepSummary(), keyLines, "step output");
    }

    [Fact]
    public async Task Mixing_the_store_with_a_private_key_input_fails_naming_both_and_exports_nothing()
    {
        var leaf = TestPki.Shared.Leaf(TestKeyType.EcP256);
        using var runner = new RunnerEnvironment()
            .With("trust-anchor-arn", "arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/0f2c3a4b-1111-2222-3333-444455556666")
            .With("profile-arn", "arn:aws:rolesanywhere:us-east-1:111122223333:profile/0f2c3a4b-1111-2222-3333-444455556666")
            .With("role-to-assume", "arn:aws:iam::111122223333:role/ra-deploy")
            .With("certificate", leaf.CertificatePem).With("private-key", leaf.PrivateKeyPkcs8Pem)
            .With("cert-selector", leaf.Certificate.Thumbprint);

        var result = await runner.RunStepAsync(ActionEntry.Entrypoint);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("private-key: and cert-selector are both given", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Empty(runner.EnvFileValues());
        EntrypointAssert.MasksFirst(result, [leaf.PrivateKeyPkcs8Pem]);
    }
}
