using System.Text;
using AwsTempCredentials.Testing.AzureDevOps;
using AwsTempCredentials.Testing.Pki;

namespace AwsTempCredentials.Tests.AzureDevOps;

/// <summary>
/// Roles Anywhere through the launcher: key material from secure files (downloaded over REST into memory) in every
/// format, or PEM text from secret variables; then a later step's AWS CLI uses the profile the task wrote.
/// </summary>
public sealed class RolesAnywhereTaskTests(AzureDevOpsTaskFixture fixture) : IClassFixture<AzureDevOpsTaskFixture>
{
    private const string Passphrase = "correct horse battery staple";

    public static TheoryData<string> SecureFileFormats => new()
    {
        "pem-pkcs8", "pem-pkcs1", "pem-sec1", "pem-encrypted", "der", "pkcs12-password", "pkcs12-no-password", "pem-with-chain",
    };

    [Theory]
    [MemberData(nameof(SecureFileFormats))]
    public async Task Secure_files_in_each_format_give_a_later_step_working_credentials(string format)
    {
        var (certificate, key, chain, passphrase) = KeyMaterial(format);
        var agent = RolesAnywhere(fixture.NewAgent());
        AddSecureFile(agent, "certificateSecureFile", "client-cert", certificate);
        if (key is not null)
        {
            AddSecureFile(agent, "privateKeySecureFile", "client-key", key);
        }

        if (chain is not null)
        {
            AddSecureFile(agent, "certificateChainSecureFile", "chain.pem", chain);
        }

        if (passphrase is not null)
        {
            agent.SecretInput("privateKeyPassphrase", "keyPassphrase", passphrase);
        }

        var run = await fixture.RunAsync(agent);

        run.AssertSucceeded();
        run.AssertSecretsMasked(passphrase is null ? [] : [passphrase], fixture.AzureDevOps.SystemToken);
        Assert.Equal("us-east-1", run.Variable("AWS.Region"));
        Assert.Equal("111122223333", run.Variable("awsAccountId"));
        var arn = await fixture.CallerArnAsync(agent.LaterStep(run.Log.LaterStepVariables()));
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/ra-deploy/", arn, StringComparison.Ordinal);
        Assert.Equal(arn, run.Variable("authenticatedArn"));
    }

    [Fact]
    public async Task Inline_pem_from_secret_variables_is_masked_and_works()
    {
        var leaf = TestPki.Shared.Leaf(TestKeyType.EcP384, viaIntermediate: true);
        var agent = RolesAnywhere(fixture.NewAgent())
            .SecretInput("certificate", "clientCertificate", leaf.CertificatePem)
            .SecretInput("privateKey", "clientKey", leaf.PrivateKeyPkcs8Pem)
            .SecretInput("certificateChain", "clientChain", leaf.ChainPem);

        var run = await fixture.RunAsync(agent);

        run.AssertSucceeded();
        var keyLines = leaf.PrivateKeyPkcs8Pem.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("-----", StringComparison.Ordinal) && l.Length >= 16);
        run.AssertSecretsMasked([leaf.PrivateKeyPkcs8Pem, .. keyLines], fixture.AzureDevOps.SystemToken);
        var arn = await fixture.CallerArnAsync(agent.LaterStep(run.Log.LaterStepVariables()));
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/ra-deploy/", arn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_with_allow_private_key_on_disk_writes_the_key_0600_and_the_later_step_refreshes()
    {
        var leaf = TestPki.Shared.Leaf(TestKeyType.EcP256);
        var agent = RolesAnywhere(fixture.NewAgent()).Input("refresh", "true").Input("allowPrivateKeyOnDisk", "true");
        AddSecureFile(agent, "certificateSecureFile", "client.pem", Encoding.ASCII.GetBytes(leaf.CertificatePem));
        AddSecureFile(agent, "privateKeySecureFile", "client.key", leaf.PrivateKeyPkcs8Der);

        var run = await fixture.RunAsync(agent);

        run.AssertSucceeded(refresh: true);
        Assert.Contains(run.Log.Warnings, w => w.Contains("private key is written", StringComparison.Ordinal));
        var keyFile = Path.Combine(agent.TempDirectory, "aws-temp-credentials", "default.private-key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Contains(run.Log.TaskVariables.Values, v => v == keyFile);
        var sessionsBefore = fixture.Aws.CreateSessionRequests.Count;
        var arn = await fixture.CallerArnAsync(agent.LaterStep(run.Log.LaterStepVariables()));
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/ra-deploy/", arn, StringComparison.Ordinal);
        Assert.True(fixture.Aws.CreateSessionRequests.Count > sessionsBefore, "credential_process did not call Roles Anywhere.");

        var post = await fixture.RunPostAsync(agent, run);
        Assert.Equal(0, post.Process.ExitCode);
        Assert.False(File.Exists(keyFile));
    }

    [Fact]
    public async Task A_key_that_does_not_match_the_certificate_is_refused()
    {
        var leaf = TestPki.Shared.Leaf(TestKeyType.EcP256).WithMismatchedKey();
        var agent = RolesAnywhere(fixture.NewAgent());
        AddSecureFile(agent, "certificateSecureFile", "client.pem", Encoding.ASCII.GetBytes(leaf.CertificatePem));
        AddSecureFile(agent, "privateKeySecureFile", "client.key", Encoding.ASCII.GetBytes(leaf.PrivateKeyPkcs8Pem));

        var run = await fixture.RunAsync(agent);

        run.AssertFailedWithNothingExported("does not belong to the certificate");
    }

    private AgentEnvironment RolesAnywhere(AgentEnvironment agent) => agent
        .Input("authMethod", "rolesAnywhere")
        .Input("roleToAssume", fixture.RolesAnywhereRole)
        .Input("trustAnchorArn", fixture.TrustAnchorArn)
        .Input("profileArn", fixture.ProfileArn);

    private void AddSecureFile(AgentEnvironment agent, string input, string name, byte[] content)
    {
        var (id, ticket) = fixture.AzureDevOps.AddSecureFile(name, content);
        agent.SecureFile(input, id, name, ticket);
    }

    private static (byte[] Certificate, byte[]? Key, byte[]? Chain, string? Passphrase) KeyMaterial(string format)
    {
        static TestCertificate Ec() => TestPki.Shared.Leaf(TestKeyType.EcP256);
        static TestCertificate Rsa() => TestPki.Shared.Leaf(TestKeyType.Rsa2048);
        return format switch
        {
            "pem-pkcs8" => WithKey(Rsa(), c => c.PrivateKeyPkcs8Pem),
            "pem-pkcs1" => WithKey(Rsa(), c => c.PrivateKeyPkcs1Pem),
            "pem-sec1" => WithKey(Ec(), c => c.PrivateKeySec1Pem),
            "pem-encrypted" => WithKey(Ec(), c => c.EncryptedPrivateKeyPem(Passphrase), Passphrase),
            "der" => Der(Ec()),
            "pkcs12-password" => (Rsa().Pkcs12(Passphrase), null, null, Passphrase),
            "pkcs12-no-password" => (Ec().Pkcs12(), null, null, null),
            "pem-with-chain" => WithChain(TestPki.Shared.Leaf(TestKeyType.EcP384, viaIntermediate: true)),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };

        static (byte[], byte[]?, byte[]?, string?) WithKey(TestCertificate leaf, Func<TestCertificate, string> key, string? passphrase = null) =>
            (Encoding.ASCII.GetBytes(leaf.CertificatePem), Encoding.ASCII.GetBytes(key(leaf)), null, passphrase);

        static (byte[], byte[]?, byte[]?, string?) Der(TestCertificate leaf) => (leaf.CertificateDer, leaf.PrivateKeyPkcs8Der, null, null);

        static (byte[], byte[]?, byte[]?, string?) WithChain(TestCertificate leaf) =>
            (Encoding.ASCII.GetBytes(leaf.CertificatePem), Encoding.ASCII.GetBytes(leaf.PrivateKeyPkcs8Pem), Encoding.ASCII.GetBytes(leaf.ChainPem), null);
    }
}
