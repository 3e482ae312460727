using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using AwsTempCredentials.Testing.Iam;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Explain;

/// <summary>
/// explain for Roles Anywhere with RSA and EC certificates and their chains: the output checked field by field, and the
/// role trust it prints, given to the fakes, admits this certificate and refuses another one of the same CA.
/// </summary>
public sealed class ExplainRolesAnywhereTests
{
    private static TestPki Pki => TestPki.Shared;

    public static TheoryData<TestKeyType> KeyTypes() => [TestKeyType.Rsa2048, TestKeyType.EcP256];

    private static string Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));

    private static string SubjectKeyId(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifier!;

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public async Task Names_the_certificate_the_trust_anchor_CA_and_a_trust_policy_that_admits_only_this_certificate(TestKeyType keyType)
    {
        await using var run = await ExplainRun.StartAsync();
        var leaf = Pki.Leaf(keyType, viaIntermediate: true);
        var anchor = run.Aws.AddTrustAnchor(Pki.Root);
        var role = run.Aws.DefaultAccount.RoleArn("ra-" + keyType);
        var profile = run.Aws.AddProfile([role]);
        var certificate = run.File("cert.pem", leaf.CertificatePem);
        var chainWithRoot = run.File("chain.pem", leaf.ChainPem + Pki.Root.CertificatePem);
        var key = run.File("key.pem", leaf.PrivateKeyPkcs8Pem);
        string[] arguments = ["--trust-anchor-arn", anchor.Arn, "--profile-arn", profile.Arn, "--role-to-assume", role, "--certificate", certificate, "--certificate-chain", chainWithRoot];

        // The key is accepted (same command line as the run) but never read.
        var text = await run.RunAsync(["explain", .. arguments, "--private-key", key]);
        var (json, _) = await run.ExplainJsonAsync(arguments);

        Assert.True(text.ExitCode == 0, text.ToString());
        ExplainRun.AssertField(text.Stdout, "Subject", leaf.Certificate.Subject);
        ExplainRun.AssertField(text.Stdout, "Serial", $"{leaf.SerialNumberHex} (decimal {leaf.SerialNumberDecimal})");
        ExplainRun.AssertField(text.Stdout, "Key", keyType == TestKeyType.Rsa2048 ? "RSA 2048" : "EC P-256");
        ExplainRun.AssertField(text.Stdout, "SHA-256", Fingerprint(Pki.Root.Certificate));
        ExplainRun.AssertField(text.Stdout, "Subject key id", SubjectKeyId(Pki.Root.Certificate));
        ExplainRun.AssertField(text.Stdout, "Trust anchor", anchor.Arn);
        ExplainRun.AssertField(text.Stdout, "Profile", profile.Arn);
        ExplainRun.AssertField(text.Stdout, "Role ARNs", role);
        Assert.Contains("\"Service\": \"rolesanywhere.amazonaws.com\"", text.Stdout, StringComparison.Ordinal);

        Assert.Equal("roles-anywhere", ExplainRun.Text(json, "method"));
        var ra = json.GetProperty("rolesAnywhere");
        var cert = ra.GetProperty("certificate");
        Assert.Equal(leaf.Certificate.Subject, ExplainRun.Text(cert, "subject"));
        Assert.Equal(Pki.Intermediate.Certificate.Subject, ExplainRun.Text(cert, "issuer"));
        Assert.Equal(leaf.SerialNumberHex, ExplainRun.Text(cert, "serialNumberHex"));
        Assert.Equal(leaf.SerialNumberDecimal, ExplainRun.Text(cert, "serialNumberDecimal"));
        Assert.Equal(keyType == TestKeyType.Rsa2048 ? "RSA 2048" : "EC P-256", ExplainRun.Text(cert, "keyAlgorithm"));
        Assert.Equal(leaf.Certificate.NotAfter.ToUniversalTime(), cert.GetProperty("notAfter").GetDateTimeOffset().UtcDateTime);
        Assert.Equal(Fingerprint(leaf.Certificate), ExplainRun.Text(cert, "sha256Fingerprint"));
        Assert.Equal([Pki.Intermediate.Certificate.Subject, Pki.Root.Certificate.Subject], ra.GetProperty("chain").EnumerateArray().Select(c => ExplainRun.Text(c, "subject")));
        var ca = ra.GetProperty("trustAnchorCa");
        Assert.Equal(Pki.Root.Certificate.Subject, ExplainRun.Text(ca, "subject"));
        Assert.Equal(SubjectKeyId(Pki.Root.Certificate), ExplainRun.Text(ca, "subjectKeyId"));
        Assert.Equal(Fingerprint(Pki.Root.Certificate), ExplainRun.Text(ca, "sha256Fingerprint"));
        Assert.True(ca.GetProperty("isSelfSigned").GetBoolean());
        Assert.False(ra.TryGetProperty("missingCa", out _));
        Assert.Equal(anchor.Arn, ExplainRun.Text(ra, "trustAnchorArn"));
        Assert.Equal(profile.Arn, ExplainRun.Text(ra, "profileArn"));

        var policy = ra.GetProperty("trustPolicy");
        var statement = Assert.Single(policy.GetProperty("Statement").EnumerateArray());
        Assert.Equal("rolesanywhere.amazonaws.com", ExplainRun.Text(statement, "Principal", "Service"));
        Assert.Equal(["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"], statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
        var equals = statement.GetProperty("Condition").GetProperty("StringEquals");
        Assert.Equal(leaf.Certificate.GetNameInfo(X509NameType.SimpleName, false), ExplainRun.Text(equals, "aws:PrincipalTag/x509Subject/CN"));
        Assert.Equal("AwsTempCredentials Test Intermediate CA", ExplainRun.Text(equals, "aws:PrincipalTag/x509Issuer/CN"));
        Assert.Equal(anchor.Arn, ExplainRun.Text(statement, "Condition", "ArnEquals", "aws:SourceArn"));

        // Give AWS exactly that trust: this certificate gets credentials, another one of the same CA does not.
        run.Aws.AddRole(new FakeRole(role) { TrustPolicy = TrustPolicy.Parse(policy.GetRawText()) });
        var admitted = await run.RunAsync("--trust-anchor-arn", anchor.Arn, "--profile-arn", profile.Arn, "--role-to-assume", role,
            "--certificate", certificate, "--certificate-chain", run.File("chain.pem", leaf.ChainPem), "--private-key", key, "--output", "json");
        Assert.True(admitted.ExitCode == 0, admitted.ToString());
        using (var credentials = JsonDocument.Parse(admitted.Stdout))
        {
            Assert.Equal($"arn:aws:sts::111122223333:assumed-role/ra-{keyType}/{leaf.SerialNumberHex}", credentials.RootElement.GetProperty("Arn").GetString());
        }

        var stranger = Pki.Intermediate.IssueLeaf("someone-else", keyType);
        var refused = await run.RunAsync("--trust-anchor-arn", anchor.Arn, "--profile-arn", profile.Arn, "--role-to-assume", role,
            "--certificate", run.File("cert.pem", stranger.CertificatePem), "--certificate-chain", run.File("chain.pem", stranger.ChainPem),
            "--private-key", run.File("key.pem", stranger.PrivateKeyPkcs8Pem));

        Assert.Equal(4, refused.ExitCode);
        Assert.Equal(string.Empty, refused.Stdout);
        Assert.Contains("Unable to assume role", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains($"subject '{stranger.Certificate.Subject}'", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains($"serial {stranger.SerialNumberHex}", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("Likely mismatch: the role is not in the profile, or the role's trust policy", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("aws:PrincipalTag/x509Subject/CN = \"someone-else\"", refused.Stderr, StringComparison.Ordinal);
        var secrets = run.Aws.Credentials.Issued.SelectMany(c => new[] { c.SecretAccessKey, c.SessionToken ?? string.Empty })
            .Concat([leaf.PrivateKeyPkcs8Pem.Trim(), stranger.PrivateKeyPkcs8Pem.Trim()]).ToList();
        SecretScan.AssertAbsent(text.AllOutput + refused.AllOutput + admitted.Stderr, secrets, "output");
    }

    [Fact]
    public async Task A_chain_without_its_root_names_the_CA_the_trust_anchor_must_hold()
    {
        await using var run = await ExplainRun.StartAsync();
        var leaf = Pki.Leaf(TestKeyType.EcP256, viaIntermediate: true);

        var (json, _) = await run.ExplainJsonAsync("--certificate", run.File("cert.pem", leaf.CertificatePem), "--certificate-chain", run.File("chain.pem", leaf.ChainPem));
        var text = await run.RunAsync("explain", "--certificate", run.File("cert.pem", leaf.CertificatePem), "--certificate-chain", run.File("chain.pem", leaf.ChainPem));

        var ra = json.GetProperty("rolesAnywhere");
        Assert.False(ra.TryGetProperty("trustAnchorCa", out _));
        Assert.Equal(Pki.Root.Certificate.Subject, ExplainRun.Text(ra, "missingCa", "subject"));
        Assert.Equal(SubjectKeyId(Pki.Root.Certificate), ExplainRun.Text(ra, "missingCa", "subjectKeyId"));
        Assert.Contains(ra.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("is not in the given chain", StringComparison.Ordinal));
        Assert.False(ra.GetProperty("trustPolicy").GetProperty("Statement")[0].GetProperty("Condition").TryGetProperty("ArnEquals", out _));
        ExplainRun.AssertField(text.Stdout, "SHA-256", "(not in the given chain)");
        ExplainRun.AssertField(text.Stdout, "Subject", Pki.Root.Certificate.Subject);
    }

    [Fact]
    public async Task A_certificate_of_a_CA_outside_the_trust_anchor_is_refused_naming_the_CA()
    {
        await using var run = await ExplainRun.StartAsync();
        var anchor = run.Aws.AddTrustAnchor(Pki.Root);
        var role = run.Aws.DefaultAccount.RoleArn("deploy");
        run.Aws.AddRole("deploy");
        var profile = run.Aws.AddProfile([role]);
        var leaf = Pki.UntrustedLeaf;

        var result = await run.RunAsync("--trust-anchor-arn", anchor.Arn, "--profile-arn", profile.Arn, "--role-to-assume", role,
            "--certificate", run.File("cert.pem", leaf.CertificatePem), "--private-key", run.File("key.pem", leaf.PrivateKeyPkcs8Pem));

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("Untrusted signing certificate", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Likely mismatch: the CA is not in the trust anchor", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"'{Pki.UntrustedRoot.Certificate.Subject}'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"serial {leaf.SerialNumberHex}", result.Stderr, StringComparison.Ordinal);
        SecretScan.AssertAbsent(result.AllOutput, [leaf.PrivateKeyPkcs8Pem.Trim()], "output");
    }

    [Fact]
    public async Task Templates_create_the_trust_anchor_with_the_CA_and_reference_it_in_the_role_trust()
    {
        await using var run = await ExplainRun.StartAsync();
        var leaf = Pki.Leaf(TestKeyType.Rsa2048, viaIntermediate: true);
        string[] arguments = ["--certificate", run.File("cert.pem", leaf.CertificatePem), "--certificate-chain", run.File("chain.pem", leaf.ChainPem + Pki.Root.CertificatePem)];

        var cfn = await run.RunAsync(["explain", .. arguments, "--output", "cloudformation"]);
        var tf = await run.RunAsync(["explain", .. arguments, "--output", "terraform"]);

        Assert.True(cfn.ExitCode == 0, cfn.ToString());
        var rootPemLine = Pki.Root.CertificatePem.Split('\n')[1];
        Assert.Contains("Type: AWS::RolesAnywhere::TrustAnchor", cfn.Stdout, StringComparison.Ordinal);
        Assert.Contains("            " + rootPemLine, cfn.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"aws:SourceArn\": {\"Fn::GetAtt\": [\"TrustAnchor\", \"TrustAnchorArn\"]}", cfn.Stdout, StringComparison.Ordinal);
        Assert.Contains("Type: AWS::RolesAnywhere::Profile", cfn.Stdout, StringComparison.Ordinal);
        Assert.True(tf.ExitCode == 0, tf.ToString());
        Assert.Contains("resource \"aws_rolesanywhere_trust_anchor\" \"ci\"", tf.Stdout, StringComparison.Ordinal);
        Assert.Contains("        " + rootPemLine, tf.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"aws:SourceArn\": \"${aws_rolesanywhere_trust_anchor.ci.arn}\"", tf.Stdout, StringComparison.Ordinal);
        Assert.Contains("role_arns = [aws_iam_role.ci.arn]", tf.Stdout, StringComparison.Ordinal);
    }
}
