using AwsTempCredentials.Testing.Pkcs11;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Explain;

/// <summary>explain with the same options as a PKCS#11 run: it reads the certificate and chain from the token and names them.</summary>
public sealed class ExplainPkcs11Tests
{
    [Fact]
    public async Task Names_the_certificate_read_from_the_token_and_its_issuing_ca()
    {
        Requires.SoftHsm();
        await using var run = await ExplainRun.StartAsync();
        var aws = run.Aws;
        using var token = await SoftHsmToken.CreateAsync();
        var certificate = await token.AddIdentityAsync(TestPki.Shared.Intermediate, "build-agent", "01", "EC:prime256v1");
        await token.WriteCaCertificateAsync(TestPki.Shared.Intermediate.Certificate, "issuing-ca", "ca01");
        var anchor = aws.AddTrustAnchor(TestPki.Shared.Root);
        var role = aws.DefaultAccount.RoleArn("ra-token");
        var profile = aws.AddProfile([role]);
        var environment = run.Environment();
        foreach (var (name, value) in token.Environment)
        {
            environment[name] = value;
        }

        environment["TOKEN_PIN"] = token.Pin;

        var result = await ProcessRunner.RunAsync(ProductBinary.Path,
            ["explain", "--trust-anchor-arn", anchor.Arn, "--profile-arn", profile.Arn, "--role-to-assume", role,
                "--pkcs11-uri", "pkcs11:token=ci;object=build-agent", "--pkcs11-module", SoftHsmToken.ModulePath, "--pkcs11-pin", "env:TOKEN_PIN"],
            environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        ExplainRun.AssertField(result.Stdout, "Subject", certificate.Subject);
        ExplainRun.AssertField(result.Stdout, "Key", "EC P-256");
        Assert.Contains(TestPki.Shared.Intermediate.Certificate.Subject, result.Stdout, StringComparison.Ordinal);
        SecretScan.AssertAbsent(result.AllOutput, [token.Pin], "output");
    }
}
