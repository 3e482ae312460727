using AwsTempCredentials.Testing;
using AwsTempCredentials.Testing.GitHub;
using AwsTempCredentials.Testing.Pkcs11;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;
using AwsTempCredentials.Tests.Pkcs11;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>
/// A self-hosted runner with a PKCS#11 token: pkcs11-uri, pkcs11-module and pkcs11-pin (a secret, masked first)
/// through the container entrypoint and the JavaScript action's launcher; the AWS CLI uses what the step exported.
/// </summary>
public sealed class GitHubPkcs11Tests
{
    public static TheoryData<ActionEntry> Entries() => [ActionEntry.Entrypoint, ActionEntry.NodeLauncher];

    [Theory]
    [MemberData(nameof(Entries))]
    public async Task A_key_inside_the_runners_token_gives_credentials_the_aws_cli_uses(ActionEntry entry)
    {
        Requires.SoftHsm();
        await using var aws = await FakeAws.StartAsync(new FakeAwsOptions { Https = true });
        using var token = await SoftHsmToken.CreateAsync();
        await token.AddIdentityAsync(TestPki.Shared.Root, "build-agent", "01", "rsa:2048");
        var role = aws.AddRole("ra-deploy");
        var anchor = aws.AddTrustAnchor(TestPki.Shared.Root);
        var profile = aws.AddProfile([role.Arn]);
        using var runner = Runner(aws, token, anchor.Arn, profile.Arn, role.Arn, token.Pin);

        var result = await runner.RunStepAsync(entry);

        Assert.True(result.ExitCode == 0, result.ToString());
        var env = runner.EnvFileValues();
        var issued = aws.Credentials.Issued.ToList();
        EntrypointAssert.MasksFirst(result, [token.Pin, .. issued.SelectMany(c => new[] { c.AccessKeyId, c.SecretAccessKey, c.SessionToken ?? string.Empty })]);
        SecretScan.AssertAbsent(runner.StepSummary(), [token.Pin], "GITHUB_STEP_SUMMARY");
        var cli = await ProcessRunner.RunAsync(Requires.AwsCli(), ["sts", "get-caller-identity", "--endpoint-url", aws.StsUrl.ToString()],
            new Dictionary<string, string>(env) { ["PATH"] = "/usr/bin:/bin", ["HOME"] = runner.Home, ["AWS_CA_BUNDLE"] = aws.CaBundlePath! });
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Contains("assumed-role/ra-deploy/", cli.Stdout, StringComparison.Ordinal);
        TokenKeyInspector.AssertKeysNeverLeave(token);
    }

    [Fact]
    public async Task A_wrong_pin_fails_the_step_masked_with_nothing_exported()
    {
        Requires.SoftHsm();
        await using var aws = await FakeAws.StartAsync(new FakeAwsOptions { Https = true });
        using var token = await SoftHsmToken.CreateAsync();
        await token.AddIdentityAsync(TestPki.Shared.Root, "build-agent", "01", "EC:prime256v1");
        var role = aws.AddRole("ra-deploy");
        var anchor = aws.AddTrustAnchor(TestPki.Shared.Root);
        var profile = aws.AddProfile([role.Arn]);
        const string wrongPin = "1111-2222";
        using var runner = Runner(aws, token, anchor.Arn, profile.Arn, role.Arn, wrongPin);
        var before = GitHubFailureAssert.FilesBefore.Of(runner.EnvFile, runner.OutputFile);

        var result = await runner.RunStepAsync(ActionEntry.Entrypoint);

        GitHubFailureAssert.Failed("pkcs11 wrong PIN", result, runner, 3, [wrongPin, token.Pin], before, "refused the PIN", "tried once");
        Assert.Empty(aws.CreateSessionRequests);
    }

    [Fact]
    public async Task Refresh_with_a_token_is_refused_so_the_pin_never_stays_on_disk()
    {
        Requires.SoftHsm();
        await using var aws = await FakeAws.StartAsync(new FakeAwsOptions { Https = true });
        using var token = await SoftHsmToken.CreateAsync();
        using var runner = Runner(aws, token, aws.AddTrustAnchor(TestPki.Shared.Root).Arn, aws.AddProfile([aws.AddRole("ra-deploy").Arn]).Arn, aws.DefaultAccount.RoleArn("ra-deploy"), token.Pin)
            .With("refresh", "true").With("allow-private-key-on-disk", "true");
        var before = GitHubFailureAssert.FilesBefore.Of(runner.EnvFile, runner.OutputFile);

        var result = await runner.RunStepAsync(ActionEntry.NodeLauncher);

        GitHubFailureAssert.Failed("pkcs11 with refresh", result, runner, 2, [token.Pin], before, "refresh", "pkcs11-uri", "PIN");
        Assert.Empty(aws.CreateSessionRequests);
    }

    private static RunnerEnvironment Runner(FakeAws aws, SoftHsmToken token, string anchor, string profile, string role, string pin)
    {
        var runner = new RunnerEnvironment()
            .WithEnv("AWS_ENDPOINT_URL_STS", aws.StsUrl.ToString())
            .WithEnv("AWS_ENDPOINT_URL_ROLESANYWHERE", aws.RolesAnywhereUrl.ToString())
            .WithEnv("AWS_CA_BUNDLE", aws.CaBundlePath!)
            .With("trust-anchor-arn", anchor).With("profile-arn", profile).With("role-to-assume", role)
            .With("pkcs11-uri", "pkcs11:token=ci;object=build-agent").With("pkcs11-module", SoftHsmToken.ModulePath).With("pkcs11-pin", pin);
        foreach (var (name, value) in token.Environment)
        {
            runner.WithEnv(name, value);
        }

        return runner;
    }
}
