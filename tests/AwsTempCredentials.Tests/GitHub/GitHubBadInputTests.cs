using System.Net;
using System.Net.Sockets;
using AwsTempCredentials.Testing.GitHub;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>Bad inputs each give one clear ::error::, a non-zero exit, untouched GITHUB_ENV/GITHUB_OUTPUT, and no secret in clear.</summary>
public sealed class GitHubBadInputTests
{
    private const string Role = "arn:aws:iam::111122223333:role/deploy";
    private const string TrustAnchor = "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0f2c3a4b-1111-2222-3333-444455556666";
    private const string Profile = "arn:aws:rolesanywhere:eu-west-1:111122223333:profile/1a2b3c4d-1111-2222-3333-444455556666";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    [Theory]
    [MemberData(nameof(ActionEntries.All), MemberType = typeof(ActionEntries))]
    public async Task Missing_id_token_permission_says_to_add_it(ActionEntry entry)
    {
        using var runner = new RunnerEnvironment().With("role-to-assume", Role).With("aws-region", "eu-west-1");
        var result = await runner.RunStepAsync(entry);
        EntrypointAssert.FailedCleanly(result, runner, [], "permissions: id-token: write");
        Assert.Equal(8, result.ExitCode);
    }

    /// <summary>Every case through the entrypoint; two of them through each JavaScript action variant too.</summary>
    public static IEnumerable<TheoryDataRow<string, string, string, ActionEntry>> MalformedArns()
    {
        (string Input, string Value, string Words)[] cases =
        [
            ("role-to-assume", "arn:aws:iam::12345:role/deploy", "account id"),
            ("role-to-assume", "deploy", "not an ARN"),
            ("role-to-assume", "arn:aws:s3:::bucket", "service 's3'"),
            ("role-chaining", "arn:aws:iam::444455556666:user/bob", "invalid resource"),
        ];
        foreach (var entry in ActionEntries.Every)
        {
            foreach (var (input, value, words) in entry == ActionEntry.Entrypoint ? cases : cases.Where((_, i) => i is 1 or 3))
            {
                yield return ActionEntries.Row(new TheoryDataRow<string, string, string, ActionEntry>(input, value, words, entry), entry);
            }
        }
    }

    [Theory]
    [MemberData(nameof(MalformedArns))]
    public async Task Malformed_arns_are_named(string input, string value, string words, ActionEntry entry)
    {
        using var runner = new RunnerEnvironment()
            .With("role-to-assume", Role).With("aws-region", "eu-west-1")
            .With("aws-access-key-id", "AKIAIOSFODNN7EXAMPLE").With("aws-secret-access-key", SecretKey)
            .With(input, value);
        var result = await runner.RunStepAsync(entry);
        EntrypointAssert.FailedCleanly(result, runner, ["AKIAIOSFODNN7EXAMPLE", SecretKey], input, words);
        Assert.Equal(2, result.ExitCode);
    }

    /// <summary>Every case through the entrypoint; one through each JavaScript action variant too.</summary>
    public static IEnumerable<TheoryDataRow<string, string, ActionEntry>> BadBooleans()
    {
        (string Input, string Value)[] cases =
        [
            ("mask-aws-account-id", "yes"), ("role-skip-session-tagging", "1"), ("output-credentials", "tRuE"),
            ("output-env-credentials", "on"), ("disable-retry", "no"), ("overwrite-aws-profile", "y"),
        ];
        foreach (var entry in ActionEntries.Every)
        {
            foreach (var (input, value) in entry == ActionEntry.Entrypoint ? cases : cases.Where((_, i) => i == 2))
            {
                yield return ActionEntries.Row(new TheoryDataRow<string, string, ActionEntry>(input, value, entry), entry);
            }
        }
    }

    [Theory]
    [MemberData(nameof(BadBooleans))]
    public async Task Bad_booleans_are_named(string input, string value, ActionEntry entry)
    {
        using var runner = new RunnerEnvironment().With("role-to-assume", Role).With("aws-region", "eu-west-1").With(input, value);
        var result = await runner.RunStepAsync(entry);
        EntrypointAssert.FailedCleanly(result, runner, [], input, $"'{value}' is not a boolean");
    }

    [Theory]
    [MemberData(nameof(ActionEntries.All), MemberType = typeof(ActionEntries))]
    public async Task Certificate_without_its_key(ActionEntry entry)
    {
        using var pki = new LocalPki();
        using var runner = new RunnerEnvironment()
            .With("trust-anchor-arn", TrustAnchor).With("profile-arn", Profile).With("role-to-assume", Role)
            .With("certificate", pki.CertificatePem);
        var result = await runner.RunStepAsync(entry);
        EntrypointAssert.FailedCleanly(result, runner, [], "without its private key", "private-key");
        Assert.Equal(3, result.ExitCode);
    }

    [Theory]
    [MemberData(nameof(ActionEntries.All), MemberType = typeof(ActionEntries))]
    public async Task Wrong_passphrase(ActionEntry entry)
    {
        using var pki = new LocalPki();
        var key = pki.EncryptedKeyPem("right horse battery staple");
        using var runner = new RunnerEnvironment()
            .With("trust-anchor-arn", TrustAnchor).With("profile-arn", Profile).With("role-to-assume", Role)
            .With("certificate", pki.CertificatePem).With("private-key", key).With("private-key-passphrase", "wrong horse battery staple");
        var result = await runner.RunStepAsync(entry);
        EntrypointAssert.FailedCleanly(result, runner, [key, "wrong horse battery staple"], "passphrase");
        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task Bad_custom_tags_and_sts_endpoint()
    {
        using var runner = new RunnerEnvironment()
            .With("role-to-assume", Role).With("aws-region", "eu-west-1").With("sts-endpoint", "not a url");
        var result = await runner.RunEntrypointAsync();
        EntrypointAssert.FailedCleanly(result, runner, [], "sts-endpoint");

        using var tags = new RunnerEnvironment()
            .With("role-to-assume", Role).With("aws-region", "eu-west-1")
            .With("aws-access-key-id", "AKIAIOSFODNN7EXAMPLE").With("aws-secret-access-key", SecretKey)
            .With("custom-tags", """{"Repository": "spoofed"}""");
        result = await tags.RunEntrypointAsync();
        EntrypointAssert.FailedCleanly(result, tags, ["AKIAIOSFODNN7EXAMPLE", SecretKey], "custom-tags", "Repository");
    }

    [Fact]
    public async Task An_existing_profile_is_not_replaced_without_overwrite()
    {
        using var runner = new RunnerEnvironment()
            .With("role-to-assume", Role).With("aws-region", "eu-west-1").With("aws-profile", "deploy");
        Directory.CreateDirectory(Path.Combine(runner.Home, ".aws"));
        await File.WriteAllTextAsync(Path.Combine(runner.Home, ".aws", "credentials"), "[deploy]\naws_access_key_id = AKIAOLD\n");
        var result = await runner.RunEntrypointAsync();
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("overwrite-aws-profile", Assert.Single(WorkflowCommandParser.Parse(result.Stdout), c => c.Name == "error").Data, StringComparison.Ordinal);
        Assert.Equal(string.Empty, File.ReadAllText(runner.EnvFile));
    }

    [Fact]
    public async Task Hung_id_token_endpoint_gives_up_at_the_action_timeout()
    {
        await using var github = new GitHubIdTokenEndpoint((sub, aud) => "unused") { Hang = true };
        using var runner = new RunnerEnvironment()
            .With("role-to-assume", Role).With("aws-region", "eu-west-1").With("action-timeout-s", "2")
            .WithIdToken(github.RequestUrl, github.RequestToken);
        var result = await runner.RunEntrypointAsync(TimeSpan.FromSeconds(30));
        EntrypointAssert.FailedCleanly(result, runner, [github.RequestToken], "action-timeout-s");
        Assert.Equal(6, result.ExitCode);
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Hung_sts_endpoint_gives_up_at_the_action_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var runner = new RunnerEnvironment()
            .With("role-to-assume", Role).With("aws-region", "eu-west-1").With("action-timeout-s", "2")
            .With("aws-access-key-id", "AKIAIOSFODNN7EXAMPLE").With("aws-secret-access-key", SecretKey)
            .WithEnv("AWS_ENDPOINT_URL_STS", $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
        var result = await runner.RunEntrypointAsync(TimeSpan.FromSeconds(30));
        EntrypointAssert.FailedCleanly(result, runner, ["AKIAIOSFODNN7EXAMPLE", SecretKey], "action-timeout-s");
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(15));
    }

    [Theory]
    [InlineData("socks5://ci:pr0xy-pa55word@proxy.internal:1080")]
    [InlineData("http://ci:pr0xy-pa55word@proxy internal:3128")]
    public async Task A_bad_http_proxy_is_named_without_its_password(string proxy)
    {
        using var runner = new RunnerEnvironment().With("role-to-assume", Role).With("aws-region", "eu-west-1").With("http-proxy", proxy);
        var result = await runner.RunEntrypointAsync();
        EntrypointAssert.FailedCleanly(result, runner, ["pr0xy-pa55word"], "http-proxy", "***@", "is not a proxy URL");
        Assert.Equal(2, result.ExitCode);
    }
}
