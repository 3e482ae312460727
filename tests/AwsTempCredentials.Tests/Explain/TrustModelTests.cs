using System.Text.Json;
using AwsTempCredentials.Explain;
using AwsTempCredentials.Testing.Iam;
using AwsTempCredentials.Testing.Oidc;

namespace AwsTempCredentials.Tests.Explain;

/// <summary>The core explain model without processes: claims, platforms, policy JSON and templates, refusal hints, and the fake's policy evaluation.</summary>
public sealed class TrustModelTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static OidcTokenClaims Claims(string issuer, string subject, string audience = "sts.amazonaws.com", Dictionary<string, object?>? extra = null) =>
        OidcTokenClaims.TryRead(new JwtIssuer(issuer).Mint(new JwtSpec(subject, audience) { ExtraClaims = extra ?? [] }))!;

    [Theory]
    [InlineData("https://token.actions.githubusercontent.com", "repo:o/r:ref:refs/heads/main", OidcPlatform.GitHubActions)]
    [InlineData("https://token.actions.githubusercontent.com/octo-enterprise", "repo:o/r:ref:refs/heads/main", OidcPlatform.GitHubActions)]
    [InlineData("https://vstoken.dev.azure.com/6f6a1a3e-2b47-4d1c-9d59-0d1e8c1f1a2b", "sc://org/project/connection", OidcPlatform.AzureDevOps)]
    [InlineData("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0", "/eid1/c/pub/t/x/a/y/sc/6f6a1a3e-2b47-4d1c-9d59-0d1e8c1f1a2b/0a1b", OidcPlatform.AzureDevOpsEntra)]
    [InlineData("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0", "00000000-aaaa-bbbb-cccc-000000000000", OidcPlatform.Generic)]
    [InlineData("https://gitlab.example.com", "project_path:group/app:ref_type:branch:ref:main", OidcPlatform.Generic)]
    public void Recognises_the_platform_from_the_issuer(string issuer, string subject, OidcPlatform expected) =>
        Assert.Equal(expected, OidcPlatforms.Detect(Claims(issuer, subject)));

    [Fact]
    public void A_subject_with_quotes_backslashes_and_template_sequences_stays_valid_JSON_YAML_and_HCL()
    {
        const string subject = "repo:o/r:ref:refs/heads/\"quoted\"\\${x}%{y}ü";
        var requirements = OidcTrust.Build(Claims("https://token.actions.githubusercontent.com", subject), "sts.amazonaws.com", "aws", "111122223333", Now);
        var explanation = new TrustExplanation { Method = "web-identity", Partition = "aws", Account = "111122223333", RoleName = "r", WebIdentity = requirements };

        using var policy = JsonDocument.Parse(PolicyJson.Document(requirements.Statement));
        Assert.Equal(subject, policy.RootElement.GetProperty("Statement")[0].GetProperty("Condition").GetProperty("StringEquals")
            .GetProperty("token.actions.githubusercontent.com:sub").GetString());
        var terraform = TerraformConfiguration.Render(explanation);
        Assert.Contains("$${x}%%{y}", terraform, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(terraform, @"(?<!\$)\$\{"));
        var json = ExplanationJson.Render(explanation);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(subject, document.RootElement.GetProperty("webIdentity").GetProperty("subject").GetString());
        Assert.Contains("\\\"quoted\\\"", CloudFormationTemplate.Render(explanation), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_role_the_account_is_a_placeholder_the_notes_explain()
    {
        var requirements = OidcTrust.Build(Claims("https://gitlab.example.com", "project_path:g/a:ref_type:branch:ref:main"), "sts.amazonaws.com", "aws-cn", null, Now);

        Assert.Equal("arn:aws-cn:iam::ACCOUNT_ID:oidc-provider/gitlab.example.com", requirements.ProviderArn);
        Assert.Contains(requirements.Notes, n => n.Contains("ACCOUNT_ID", StringComparison.Ordinal));
        Assert.Contains("openssl s_client", requirements.ThumbprintNote, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_GitHub_token_names_its_claims_and_the_sub_condition()
    {
        var claims = Claims("https://token.actions.githubusercontent.com", "repo:o/other:ref:refs/heads/main", extra: new()
        {
            ["repository"] = "o/other",
            ["ref"] = "refs/heads/main",
            ["job_workflow_ref"] = "o/other/.github/workflows/d.yml@refs/heads/main",
        });

        var hint = RefusalDiagnosis.ForWebIdentity("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", claims, "arn:aws:iam::111122223333:role/r", "aws", "111122223333", Now);

        Assert.NotNull(hint);
        Assert.Contains("sub=repo:o/other:ref:refs/heads/main", hint, StringComparison.Ordinal);
        Assert.Contains("repository=o/other", hint, StringComparison.Ordinal);
        Assert.Contains("ref=refs/heads/main", hint, StringComparison.Ordinal);
        Assert.Contains("job_workflow_ref=o/other/.github/workflows/d.yml@refs/heads/main", hint, StringComparison.Ordinal);
        Assert.Contains("Likely mismatch: the sub condition", hint, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_token_is_diagnosed_as_the_clock_with_its_expiry()
    {
        var token = new JwtIssuer("https://gitlab.example.com").MintExpired("s", "sts.amazonaws.com");

        var hint = RefusalDiagnosis.ForWebIdentity("ExpiredTokenException", "Token expired", OidcTokenClaims.TryRead(token), "arn:aws:iam::111122223333:role/r", "aws", "111122223333", Now);

        Assert.Contains("Likely mismatch: the clock", hint, StringComparison.Ordinal);
        Assert.DoesNotContain(token, hint, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fake_evaluates_trust_policies_strictly()
    {
        var policy = TrustPolicy.Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::1:oidc-provider/i"},"Action":"sts:AssumeRoleWithWebIdentity",
               "Condition":{"StringEquals":{"i:aud":"sts.amazonaws.com"},"StringLike":{"i:sub":["repo:o/r:*","repo:o/s:ref:refs/heads/?"]}}},
              {"Effect":"Deny","Principal":{"Federated":"*"},"Action":"sts:*","Condition":{"StringEquals":{"i:sub":"repo:o/r:ref:refs/heads/blocked"}}}]}
            """);
        bool Allows(string? aud, string? sub, string principal = "arn:aws:iam::1:oidc-provider/i")
        {
            var context = new Dictionary<string, string>();
            if (aud is not null)
            {
                context["I:AUD"] = aud;
            }

            if (sub is not null)
            {
                context["i:sub"] = sub;
            }

            return policy.Allows("Federated", principal, ["sts:AssumeRoleWithWebIdentity"], context);
        }

        Assert.True(Allows("sts.amazonaws.com", "repo:o/r:ref:refs/heads/main"));
        Assert.True(Allows("sts.amazonaws.com", "repo:o/s:ref:refs/heads/x"));
        Assert.False(Allows("sts.amazonaws.com", "repo:o/s:ref:refs/heads/xy"));
        Assert.False(Allows("STS.amazonaws.com", "repo:o/r:ref:refs/heads/main"));
        Assert.False(Allows("sts.amazonaws.com", "repo:O/r:ref:refs/heads/main"));
        Assert.False(Allows("sts.amazonaws.com", null));
        Assert.False(Allows("sts.amazonaws.com", "repo:o/r:ref:refs/heads/blocked"));
        Assert.False(Allows("sts.amazonaws.com", "repo:o/r:ref:refs/heads/main", "arn:aws:iam::2:oidc-provider/i"));
        Assert.False(policy.Allows("Federated", "arn:aws:iam::1:oidc-provider/i", ["sts:AssumeRole"], new Dictionary<string, string> { ["i:aud"] = "sts.amazonaws.com", ["i:sub"] = "repo:o/r:x" }));
        Assert.Throws<ArgumentException>(() => TrustPolicy.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"""));
        Assert.Throws<NotSupportedException>(() => TrustPolicy.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"NumericLessThan":{"k":"1"}}}}"""));
    }
}
