using System.Text.Json;
using AwsTempCredentials.Testing.Iam;
using AwsTempCredentials.Testing.Oidc;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Explain;

/// <summary>
/// explain for OIDC tokens of GitHub and Azure DevOps (both issuers): the output checked field by field, and the trust
/// policy it prints, given to the fake IAM as the role's trust, admits the same run and refuses another repository or connection.
/// </summary>
public sealed class ExplainWebIdentityTests
{
    private const string OrganizationId = "6f6a1a3e-2b47-4d1c-9d59-0d1e8c1f1a2b";
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    public sealed record Platform(
        string Name, string Issuer, string Audience, string Subject, string OtherSubject, IReadOnlyDictionary<string, string> Claims, string ExpectedPlatform)
    {
        /// <summary>The issuer without https://: the provider's name and the prefix of its condition keys.</summary>
        public string Path => Issuer["https://".Length..];

        public override string ToString() => Name;
    }

    public static TheoryData<Platform> Platforms() => [.. All];

    private static readonly Platform[] All =
    [
        new Platform("github", "https://token.actions.githubusercontent.com", "sts.amazonaws.com",
            "repo:octo-org/octo-repo:environment:production", "repo:octo-org/other-repo:environment:production",
            new Dictionary<string, string>
            {
                ["repository"] = "octo-org/octo-repo",
                ["repository_owner"] = "octo-org",
                ["ref"] = "refs/heads/main",
                ["environment"] = "production",
                ["job_workflow_ref"] = "octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main",
            },
            "github-actions"),
        new Platform("azure-devops", $"https://vstoken.dev.azure.com/{OrganizationId}", "api://AzureADTokenExchange",
            "sc://contoso/web/aws-production", "sc://contoso/web/aws-sandbox", new Dictionary<string, string>(), "azure-devops"),
        new Platform("azure-devops-entra", $"https://login.microsoftonline.com/{TenantId}/v2.0", "api://AzureADTokenExchange",
            $"/eid1/c/pub/t/v4j5cvGGr0GRqy180BHbRw/a/AbCdEf12345/sc/{OrganizationId}/0a1b2c3d-0000-4000-8000-00000000a001",
            $"/eid1/c/pub/t/v4j5cvGGr0GRqy180BHbRw/a/AbCdEf12345/sc/{OrganizationId}/0a1b2c3d-0000-4000-8000-00000000b002",
            new Dictionary<string, string>(), "azure-devops-entra"),
    ];

    /// <summary>The platform's issuer, a token it minted for the platform's subject, and a role name for it (not yet in IAM).</summary>
    private static (JwtIssuer Issuer, string Token, string Role) Arrange(ExplainRun run, Platform platform)
    {
        var issuer = new JwtIssuer(platform.Issuer);
        return (issuer, Mint(issuer, platform, platform.Subject), run.Aws.DefaultAccount.RoleArn("ci-" + platform.Name));
    }

    /// <summary>IAM holds a provider for <paramref name="provider"/> listing <paramref name="clientId"/>, and role <c>ci</c> trusting the platform's subject.</summary>
    private static string TrustPlatform(ExplainRun run, Platform platform, JwtIssuer provider, string clientId)
    {
        run.Aws.AddOidcProvider(provider, clientId);
        var role = run.Aws.DefaultAccount.RoleArn("ci");
        run.Aws.AddRole(new FakeRole(role) { TrustPolicy = TrustPolicy.Parse(Policy(platform)) });
        return role;
    }

    private static string Mint(JwtIssuer issuer, Platform platform, string subject, string? audience = null) =>
        issuer.Mint(new JwtSpec(subject, audience ?? platform.Audience)
        {
            ExtraClaims = platform.Claims.ToDictionary(c => c.Key, c => (object?)(c.Key == "repository" && subject != platform.Subject ? "octo-org/other-repo" : c.Value)),
        });

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Text_output_names_every_claim_the_provider_and_the_trust_policy_but_never_the_token(Platform platform)
    {
        await using var run = await ExplainRun.StartAsync();
        var (issuer, token, role) = Arrange(run, platform);
        var path = platform.Path;

        var result = await run.RunAsync("explain", "--web-identity-token-file", run.File("token", token), "--role-to-assume", role);

        Assert.True(result.ExitCode == 0, result.ToString());
        var text = result.Stdout;
        ExplainRun.AssertField(text, "iss", platform.Issuer);
        ExplainRun.AssertField(text, "aud", platform.Audience);
        ExplainRun.AssertField(text, "sub", platform.Subject);
        foreach (var (name, value) in platform.Claims)
        {
            ExplainRun.AssertField(text, name, value);
        }

        ExplainRun.AssertField(text, "Provider URL", platform.Issuer);
        ExplainRun.AssertField(text, "Audience", platform.Audience);
        ExplainRun.AssertField(text, "Provider ARN", $"arn:aws:iam::111122223333:oidc-provider/{path}");
        Assert.Contains($"\"{path}:sub\": \"{platform.Subject}\"", text, StringComparison.Ordinal);
        Assert.Contains($"\"{path}:aud\": \"{platform.Audience}\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Action\": \"sts:AssumeRoleWithWebIdentity\"", text, StringComparison.Ordinal);
        Assert.Contains(platform.Name switch
        {
            "github" => "pins repository octo-org/octo-repo and environment production",
            "azure-devops" => "retires on 1 July 2027",
            _ => $"Microsoft Entra issuer (tenant {TenantId})",
        }, text, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stderr);
        SecretScan.AssertAbsent(result.AllOutput, [token, token.Split('.')[2]], "explain output");
        Assert.Equal(0, run.Aws.Sts.Requests.Total);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task The_printed_trust_policy_admits_this_run_and_refuses_another_repository_or_connection(Platform platform)
    {
        await using var run = await ExplainRun.StartAsync();
        var (issuer, token, role) = Arrange(run, platform);
        var path = platform.Path;

        var (json, _) = await run.ExplainJsonAsync("--web-identity-token-file", run.File("token", token), "--role-to-assume", role);

        Assert.Equal("web-identity", ExplainRun.Text(json, "method"));
        Assert.Equal("aws", ExplainRun.Text(json, "partition"));
        Assert.Equal("111122223333", ExplainRun.Text(json, "account"));
        Assert.Equal(role, ExplainRun.Text(json, "roleArn"));
        var oidc = json.GetProperty("webIdentity");
        Assert.Equal(platform.ExpectedPlatform, ExplainRun.Text(oidc, "platform"));
        Assert.Equal(platform.Issuer, ExplainRun.Text(oidc, "issuerUrl"));
        Assert.Equal(path, ExplainRun.Text(oidc, "providerPath"));
        Assert.Equal($"arn:aws:iam::111122223333:oidc-provider/{path}", ExplainRun.Text(oidc, "providerArn"));
        Assert.Equal(platform.Audience, ExplainRun.Text(oidc, "clientId"));
        Assert.Equal(platform.Subject, ExplainRun.Text(oidc, "subject"));
        Assert.Equal(platform.Issuer, ExplainRun.Text(oidc, "claims", "issuer"));
        Assert.Equal(platform.Subject, ExplainRun.Text(oidc, "claims", "subject"));
        Assert.Equal([platform.Audience], oidc.GetProperty("claims").GetProperty("audiences").EnumerateArray().Select(a => a.GetString()));
        foreach (var (name, value) in platform.Claims)
        {
            Assert.Equal(value, ExplainRun.Text(oidc, "claims", "extra", name));
        }

        var policy = oidc.GetProperty("trustPolicy");
        var statement = Assert.Single(policy.GetProperty("Statement").EnumerateArray());
        Assert.Equal("Allow", ExplainRun.Text(statement, "Effect"));
        Assert.Equal($"arn:aws:iam::111122223333:oidc-provider/{path}", ExplainRun.Text(statement, "Principal", "Federated"));
        Assert.Equal("sts:AssumeRoleWithWebIdentity", ExplainRun.Text(statement, "Action"));
        var equals = statement.GetProperty("Condition").GetProperty("StringEquals");
        Assert.Equal(platform.Audience, ExplainRun.Text(equals, $"{path}:aud"));
        Assert.Equal(platform.Subject, ExplainRun.Text(equals, $"{path}:sub"));
        Assert.Equal(2, equals.EnumerateObject().Count());

        // What explain printed is what AWS holds: the provider and the role with exactly that trust policy.
        run.Aws.AddOidcProvider(issuer, ExplainRun.Text(oidc, "clientId"));
        run.Aws.AddRole(new FakeRole(role) { TrustPolicy = TrustPolicy.Parse(policy.GetRawText()) });

        var admitted = await run.RunAsync("--role-to-assume", role, "--web-identity-token-file", run.File("token", token), "--output", "json");
        Assert.True(admitted.ExitCode == 0, admitted.ToString());
        using (var credentials = JsonDocument.Parse(admitted.Stdout))
        {
            Assert.StartsWith($"arn:aws:sts::111122223333:assumed-role/ci-{platform.Name}/", credentials.RootElement.GetProperty("Arn").GetString(), StringComparison.Ordinal);
        }

        var other = Mint(issuer, platform, platform.OtherSubject);
        var refused = await run.RunAsync("--role-to-assume", role, "--web-identity-token-file", run.File("other", other), "--output", "json");

        AssertRefused(refused, other, "AccessDenied", $"sub={platform.OtherSubject}", "Likely mismatch: the sub condition", $"\"{path}:sub\" = \"{platform.OtherSubject}\"");
        if (platform.Name == "github")
        {
            AssertRefused(refused, other, "repository=octo-org/other-repo", "environment=production", "job_workflow_ref=octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main");
        }

        var secrets = run.Aws.Credentials.Issued.SelectMany(c => new[] { c.SecretAccessKey, c.SessionToken ?? string.Empty }).ToList();
        SecretScan.AssertAbsent(refused.AllOutput, [token, other, .. secrets], "refused run output");
        SecretScan.AssertAbsent(admitted.Stderr, [token, .. secrets], "stderr");
    }

    [Fact]
    public async Task A_token_for_an_audience_the_provider_does_not_list_is_refused_naming_the_audience()
    {
        await using var run = await ExplainRun.StartAsync();
        var platform = All.First(p => p.Name == "github");
        var issuer = new JwtIssuer(platform.Issuer);
        var role = TrustPlatform(run, platform, issuer, "sts.amazonaws.com");
        var token = Mint(issuer, platform, platform.Subject, audience: "https://github.com/octo-org");

        var result = await run.RunAsync("--role-to-assume", role, "--web-identity-token-file", run.File("token", token));

        AssertRefused(result, token, "InvalidIdentityToken", "Likely mismatch: the audience", "aud=https://github.com/octo-org");
    }

    [Fact]
    public async Task A_token_from_an_unregistered_issuer_is_refused_naming_the_issuer_to_register()
    {
        await using var run = await ExplainRun.StartAsync();
        var platform = All.First(p => p.Name == "azure-devops-entra");
        var role = TrustPlatform(run, platform, new JwtIssuer($"https://vstoken.dev.azure.com/{OrganizationId}"), platform.Audience);
        var token = Mint(new JwtIssuer(platform.Issuer), platform, platform.Subject);

        var result = await run.RunAsync("--role-to-assume", role, "--web-identity-token-file", run.File("token", token));

        AssertRefused(result, token, "Likely mismatch: the issuer is not registered", $"URL {platform.Issuer}", "Microsoft Entra issuer");
    }

    [Fact]
    public async Task CloudFormation_and_Terraform_output_carry_the_same_policy_and_the_provider()
    {
        await using var run = await ExplainRun.StartAsync();
        var platform = All.First(p => p.Name == "github");
        var token = Mint(new JwtIssuer(platform.Issuer), platform, platform.Subject);
        var file = run.File("token", token);

        var cfn = await run.RunAsync("explain", "--web-identity-token-file", file, "--output", "cloudformation");
        var tf = await run.RunAsync("explain", "--web-identity-token-file", file, "--output", "terraform");

        Assert.True(cfn.ExitCode == 0, cfn.ToString());
        Assert.Contains("Type: AWS::IAM::OIDCProvider", cfn.Stdout, StringComparison.Ordinal);
        Assert.Contains("Url: \"https://token.actions.githubusercontent.com\"", cfn.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"Federated\": {\"Ref\": \"OidcProvider\"}", cfn.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\"token.actions.githubusercontent.com:sub\": \"{platform.Subject}\"", cfn.Stdout, StringComparison.Ordinal);
        Assert.True(tf.ExitCode == 0, tf.ToString());
        Assert.Contains("resource \"aws_iam_openid_connect_provider\" \"ci\"", tf.Stdout, StringComparison.Ordinal);
        Assert.Contains("client_id_list = [\"sts.amazonaws.com\"]", tf.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"Federated\": \"${aws_iam_openid_connect_provider.ci.arn}\"", tf.Stdout, StringComparison.Ordinal);
        SecretScan.AssertAbsent(cfn.AllOutput + tf.AllOutput, [token], "template output");
    }

    /// <summary>STS refused (exit 4), the error names every expected word, and the token appears nowhere.</summary>
    private static void AssertRefused(ProcessResult result, string token, params string[] words)
    {
        Assert.True(result.ExitCode == 4, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.All(words, word => Assert.Contains(word, result.Stderr, StringComparison.Ordinal));
        SecretScan.AssertAbsent(result.AllOutput, [token], "output");
    }

    private static string Policy(Platform platform)
    {
        var path = platform.Path;
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["Effect"] = "Allow",
                    ["Principal"] = new Dictionary<string, string> { ["Federated"] = $"arn:aws:iam::111122223333:oidc-provider/{path}" },
                    ["Action"] = "sts:AssumeRoleWithWebIdentity",
                    ["Condition"] = new Dictionary<string, object>
                    {
                        ["StringEquals"] = new Dictionary<string, string> { [$"{path}:aud"] = platform.Audience, [$"{path}:sub"] = platform.Subject },
                    },
                },
            },
        });
    }
}
