using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AwsTempCredentials.Testing;
using AwsTempCredentials.Testing.Iam;
using AwsTempCredentials.Testing.Oidc;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Demo;

/// <summary>
/// The demonstration: the fakes and their IAM set-up, then the binary through IAM Roles Anywhere and through OIDC,
/// each followed by the consumer, then the consumer running the binary itself as a <c>credential_process</c>.
/// </summary>
internal static partial class Demonstration
{
    private const string Audience = "sts.amazonaws.com";
    private const string Subject = "repo:example/app:ref:refs/heads/main";

    public static async Task<bool> RunAsync(string binary, Consumer consumer)
    {
        var total = Stopwatch.StartNew();
        Transcript.Title("aws-temp-credentials, shown working against local fakes (no AWS account, no network)");
        var native = !File.Exists(Path.ChangeExtension(binary, ".dll"));
        Transcript.Detail($"binary:   {binary} ({new FileInfo(binary).Length:N0} bytes, {(native ? "native AOT executable" : "JIT app host")})");
        Transcript.Detail($"consumer: {consumer.Description}, {consumer.Reason}");

        await using var aws = await FakeAws.StartAsync();
        var work = Directory.CreateTempSubdirectory("awstc-demo-").FullName;
        try
        {
            var home = Directory.CreateDirectory(Path.Combine(work, "home")).FullName;
            Transcript.Title("The fakes (the test rig's own, on loopback)");
            Transcript.Step($"STS:                {aws.StsUrl} (strict: SigV4 verified against the credentials it issued)");
            Transcript.Step($"IAM Roles Anywhere: {aws.RolesAnywhereUrl} (region {aws.RolesAnywhere.Region}; X.509 SigV4 and the chain verified)");
            Transcript.Step($"account {aws.DefaultAccount.Id}");

            await RolesAnywhereAsync(binary, consumer, aws, work, home);
            var oidc = await OidcAsync(binary, consumer, aws, work, home);
            await CredentialProcessAsync(binary, consumer, aws, oidc, home);

            Transcript.Title($"Done in {total.Elapsed.TotalSeconds:0.0} s: the binary got credentials both ways and {consumer.Description} used them.");
            return true;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task RolesAnywhereAsync(string binary, Consumer consumer, FakeAws aws, string work, string home)
    {
        Transcript.Title("1. IAM Roles Anywhere: an X.509 certificate and its key, signed in-process");
        var pki = TestPki.Shared;
        var leaf = pki.Leaf(TestKeyType.EcP256, viaIntermediate: true);
        var files = leaf.WriteTo(Directory.CreateDirectory(Path.Combine(work, "pki")).FullName);
        var role = aws.AddRole("deploy");
        var anchor = aws.AddTrustAnchor(pki.Root);
        var profile = aws.AddProfile([role.Arn]);
        Transcript.Step($"test PKI: root CA {pki.Root.Certificate.Subject} → intermediate → leaf {leaf.Certificate.Subject} (EC P-256)");
        Transcript.Step($"trust anchor {anchor.Arn} (the root CA), profile {profile.Arn} listing {role.Arn}");

        string[] arguments =
        [
            "--trust-anchor-arn", anchor.Arn, "--profile-arn", profile.Arn, "--role-to-assume", role.Arn,
            "--certificate", files.CertificatePath, "--private-key", files.PrivateKeyPath, "--certificate-chain", files.ChainPath!,
            "--output", "env",
        ];
        var exported = await RunBinaryAsync(binary, arguments, Endpoints(aws, home), "the Roles Anywhere run");

        var session = aws.CreateSessionRequests.Last();
        if (!session.Succeeded)
        {
            throw new DemoFailedException($"the fake refused CreateSession: {session.ErrorType}: {session.ErrorDetail ?? session.ErrorMessage}");
        }

        Transcript.Step($"the fake verified CreateSession: {session.Algorithm}, certificate serial {session.CredentialSerial}, {session.ChainLength} intermediate(s), role {session.RoleArn}");
        await ConsumeAsync(consumer, aws, exported, home, expectedRole: "deploy");
    }

    private static async Task<OidcSetup> OidcAsync(string binary, Consumer consumer, FakeAws aws, string work, string home)
    {
        Transcript.Title("2. OIDC: a CI platform's ID token, exchanged with AssumeRoleWithWebIdentity");
        var issuer = new JwtIssuer("https://token.ci.example.com");
        aws.AddOidcProvider(issuer, Audience);
        var role = aws.AddRole("ci-deploy", webIdentity: new WebIdentityTrust(issuer.Issuer, [Audience], "repo:example/app:*"));
        var tokenFile = Path.Combine(work, "id-token.jwt");
        await File.WriteAllTextAsync(tokenFile, issuer.Mint(Subject, Audience));
        Transcript.Step($"OIDC provider {issuer.Issuer} (audience {Audience}); role {role.Arn} trusts sub repo:example/app:*");
        Transcript.Step($"ID token (RS256 JWT, sub {Subject}) written to a file, as a CI job would");

        string[] arguments = ["--role-to-assume", role.Arn, "--web-identity-token-file", tokenFile, "--role-session-name", "demo-oidc", "--aws-region", "eu-west-1", "--output", "env"];
        var exported = await RunBinaryAsync(binary, arguments, Endpoints(aws, home), "the OIDC run");

        var call = aws.AssumeRoleRequests.Last();
        if (call.Action != "AssumeRoleWithWebIdentity" || !call.Succeeded)
        {
            throw new DemoFailedException($"the fake STS did not answer AssumeRoleWithWebIdentity: {call.Action} {call.ErrorCode}: {call.ErrorMessage}");
        }

        Transcript.Step($"the fake verified {call.Action}: token signature, issuer, audience and sub against the role's trust");
        await ConsumeAsync(consumer, aws, exported, home, expectedRole: "ci-deploy");
        return new OidcSetup(role.Arn, tokenFile);
    }

    private static async Task CredentialProcessAsync(string binary, Consumer consumer, FakeAws aws, OidcSetup oidc, string home)
    {
        Transcript.Title("3. credential_process: the consumer runs the binary itself whenever it needs credentials");
        if (!consumer.RunsCredentialProcess)
        {
            Transcript.Step("skipped: the AWS SDK for .NET consumer is used here; this part needs the AWS CLI (tests/demo.sh installs it as root)");
            return;
        }

        var config = Path.Combine(home, "config");
        var line = $"credential_process = {binary} --output credential-process --role-to-assume {oidc.RoleArn} --web-identity-token-file {oidc.TokenFile} --role-session-name demo-profile";
        await File.WriteAllTextAsync(config, $"[profile demo]\nregion = eu-west-1\n{line}\n");
        Transcript.Step($"{config}:");
        Transcript.Detail("[profile demo]");
        Transcript.Detail("region = eu-west-1");
        Transcript.Detail(line);

        var before = aws.AssumeRoleRequests.Count;
        var environment = new Dictionary<string, string>(Endpoints(aws, home)) { ["AWS_CONFIG_FILE"] = config, ["AWS_PROFILE"] = "demo" };
        var arn = await consumer.CallerArnAsync(aws.StsUrl, environment, home);
        Check(arn, "ci-deploy", "demo-profile");
        Transcript.Step($"caller: {arn}");
        Transcript.Step($"the CLI ran the binary; the fake STS saw {aws.AssumeRoleRequests.Count - before} more AssumeRoleWithWebIdentity call(s)");
    }

    /// <summary>Runs the binary with only the environment given, as a CI step would; returns what it exported.</summary>
    private static async Task<Dictionary<string, string>> RunBinaryAsync(string binary, string[] arguments, IReadOnlyDictionary<string, string> environment, string what)
    {
        Transcript.Command("aws-temp-credentials", arguments);
        var result = await ProcessRunner.RunAsync(binary, arguments, environment, timeout: TimeSpan.FromSeconds(60));
        if (result.ExitCode != 0)
        {
            throw new DemoFailedException($"{what} exited {result.ExitCode}:\n{result.Stderr}");
        }

        var exported = ExportLine().Matches(result.Stdout).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.Replace("'\\''", "'", StringComparison.Ordinal));
        if (!exported.TryGetValue("AWS_SECRET_ACCESS_KEY", out var secret) || !exported.TryGetValue("AWS_SESSION_TOKEN", out var token))
        {
            throw new DemoFailedException($"{what} printed no credentials:\n{result.Stdout}");
        }

        SecretScan.AssertAbsent(result.Stderr, [secret, token], "the binary's stderr");
        Transcript.Step(string.Create(CultureInfo.InvariantCulture, $"exit 0 after {result.Elapsed.TotalMilliseconds:0} ms; exported (the shell would `eval` these):"));
        foreach (var (name, value) in exported.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Transcript.Detail($"{name}={Transcript.Redact(name, value)}");
        }

        Transcript.Detail("(no secret appears on stderr: checked)");
        return exported;
    }

    private static async Task ConsumeAsync(Consumer consumer, FakeAws aws, Dictionary<string, string> exported, string home, string expectedRole)
    {
        Transcript.Step($"a later step uses them: {consumer.Description}, with only the exported variables");
        var arn = await consumer.CallerArnAsync(aws.StsUrl, exported, home);
        Check(arn, expectedRole, sessionName: null);
        Transcript.Step($"caller: {arn}");
        if (!aws.Credentials.Issued.Any(c => c.AccessKeyId == exported["AWS_ACCESS_KEY_ID"]))
        {
            throw new DemoFailedException("the exported access key is not one the fakes issued");
        }
    }

    private static void Check(string arn, string role, string? sessionName)
    {
        var expected = $"assumed-role/{role}/{sessionName}";
        if (!arn.Contains(expected, StringComparison.Ordinal))
        {
            throw new DemoFailedException($"GetCallerIdentity answered {arn}, expected an ARN with {expected}");
        }
    }

    private static Dictionary<string, string> Endpoints(FakeAws aws, string home) => new(StringComparer.Ordinal)
    {
        ["PATH"] = "/usr/bin:/bin",
        ["HOME"] = home,
        ["AWS_ENDPOINT_URL_STS"] = aws.StsUrl.ToString(),
        ["AWS_ENDPOINT_URL_ROLESANYWHERE"] = aws.RolesAnywhereUrl.ToString(),
    };

    [GeneratedRegex(@"(?m)^export (?<name>[A-Z_]+)='(?<value>(?:[^']|'\\'')*)'$")]
    private static partial Regex ExportLine();

    private sealed record OidcSetup(string RoleArn, string TokenFile);
}
