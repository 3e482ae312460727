using AwsTempCredentials.Testing;
using AwsTempCredentials.Testing.GitHub;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>Roles Anywhere through the GitHub entrypoint, key material as secrets hold it (PEM text, PKCS#12 base64), over HTTPS fakes.</summary>
public sealed class GitHubRolesAnywhereEndToEndTests
{
    private const string Passphrase = "correct horse battery staple";

    private static readonly string[] Formats = ["pkcs8", "pkcs1", "sec1", "encrypted", "pkcs12", "pkcs12-password", "chain", "pkcs12-chain"];

    /// <summary>Every key format, through the container entrypoint and each JavaScript action variant (Linux, Windows).</summary>
    public static IEnumerable<TheoryDataRow<string, ActionEntry>> KeyFormats() => ActionEntries.Cross(Formats);

    [Theory]
    [MemberData(nameof(KeyFormats))]
    public async Task Each_key_format_gives_credentials_the_aws_cli_uses(string format, ActionEntry entry)
    {
        await using var aws = await FakeAws.StartAsync(new FakeAwsOptions { Https = true });
        var pki = TestPki.Shared;
        var leaf = format switch
        {
            "pkcs1" or "pkcs12" => pki.Leaf(TestKeyType.Rsa2048),
            "sec1" => pki.Leaf(TestKeyType.EcP384),
            "chain" or "pkcs12-chain" => pki.Leaf(TestKeyType.EcP256, viaIntermediate: true),
            _ => pki.Leaf(TestKeyType.EcP256),
        };
        var role = aws.AddRole("ra-deploy");
        var anchor = aws.AddTrustAnchor(pki.Root);
        var profile = aws.AddProfile([role.Arn]);
        using var runner = new RunnerEnvironment()
            .WithEnv("AWS_ENDPOINT_URL_STS", aws.StsUrl.ToString())
            .WithEnv("AWS_ENDPOINT_URL_ROLESANYWHERE", aws.RolesAnywhereUrl.ToString())
            .WithEnv("AWS_CA_BUNDLE", aws.CaBundlePath!)
            .With("trust-anchor-arn", anchor.Arn).With("profile-arn", profile.Arn).With("role-to-assume", role.Arn);
        var secrets = new List<string>();
        void Key(string key)
        {
            runner.With("private-key", key);
            secrets.Add(key);
        }

        switch (format)
        {
            case "pkcs8": runner.With("certificate", leaf.CertificatePem); Key(leaf.PrivateKeyPkcs8Pem); break;
            case "pkcs1": runner.With("certificate", leaf.CertificatePem); Key(leaf.PrivateKeyPkcs1Pem); break;
            case "sec1": runner.With("certificate", leaf.CertificatePem); Key(leaf.PrivateKeySec1Pem); break;
            case "encrypted":
                runner.With("certificate", leaf.CertificatePem).With("private-key-passphrase", Passphrase);
                Key(leaf.EncryptedPrivateKeyPem(Passphrase));
                secrets.Add(Passphrase);
                break;
            case "pkcs12" or "pkcs12-chain":
                secrets.Add(Convert.ToBase64String(leaf.Pkcs12()));
                runner.With("certificate", secrets[^1]);
                break;
            case "pkcs12-password":
                secrets.Add(Convert.ToBase64String(leaf.Pkcs12(Passphrase)));
                runner.With("certificate", secrets[^1]).With("private-key-passphrase", Passphrase);
                secrets.Add(Passphrase);
                break;
            case "chain": runner.With("certificate", leaf.CertificatePem).With("certificate-chain", leaf.ChainPem); Key(leaf.PrivateKeyPkcs8Pem); break;
        }

        var result = await runner.RunStepAsync(entry);

        if (entry == ActionEntry.WindowsNodeLauncher && await WindowsRunnerUnderWine.CannotImportPrivateKeysAsync() is not null)
        {
            // The emulator's limit, not the runner's (see CannotImportPrivateKeysAsync): the key material still went the
            // Windows way (multi-line INPUT_* values, masking), and the step must fail as cleanly as with any unusable
            // key: exit 3, one error, nothing exported, no secret in clear, no call to AWS.
            EntrypointAssert.FailedCleanly(result, runner, secrets);
            Assert.Equal(3, result.ExitCode);
            Assert.Empty(aws.CreateSessionRequests);
            return;
        }

        Assert.True(result.ExitCode == 0, result.ToString());
        var session = Assert.Single(aws.CreateSessionRequests);
        Assert.True(session.Succeeded, session.ErrorMessage);
        Assert.Equal(format.Contains("chain", StringComparison.Ordinal) ? 1 : 0, session.ChainLength);
        var env = runner.EnvFileValues();
        Assert.Equal(aws.RolesAnywhere.Region, env["AWS_REGION"]);
        var issued = aws.Credentials.Issued.ToList();
        EntrypointAssert.MasksFirst(result, secrets.Concat(issued.SelectMany(c => new[] { c.AccessKeyId, c.SecretAccessKey, c.SessionToken ?? string.Empty })));
        SecretScan.AssertAbsent(runner.StepSummary(), secrets, "GITHUB_STEP_SUMMARY");
        Assert.Contains("IAM Roles Anywhere", runner.StepSummary(), StringComparison.Ordinal);

        var cli = await ProcessRunner.RunAsync(Requires.AwsCli(), ["sts", "get-caller-identity", "--endpoint-url", aws.StsUrl.ToString()],
            new Dictionary<string, string>(env) { ["PATH"] = "/usr/bin:/bin", ["HOME"] = runner.Home, ["AWS_CA_BUNDLE"] = aws.CaBundlePath! });
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Contains("assumed-role/ra-deploy/", cli.Stdout, StringComparison.Ordinal);
    }
}
