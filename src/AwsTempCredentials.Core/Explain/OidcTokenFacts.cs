using AwsTempCredentials.Options;

namespace AwsTempCredentials.Explain;

/// <summary>
/// What one OIDC token says about where it comes from, and the IAM OIDC provider AWS needs to accept it. Read once
/// from the token's claims (never the token); <c>explain</c>, the refusal hints and the hosts' run summaries all show it.
/// </summary>
public sealed record OidcTokenFacts
{
    /// <summary>Claims a run summary shows when the token has them (GitHub's; Azure DevOps says it all in <c>sub</c>).</summary>
    private static readonly string[] SummaryClaims = ["repository", "ref", "environment", "job_workflow_ref"];

    public required OidcTokenClaims Claims { get; init; }

    public required OidcPlatform Platform { get; init; }

    /// <summary>The token's <c>iss</c>: the IAM OIDC provider's URL.</summary>
    public required string IssuerUrl { get; init; }

    /// <summary>The audience the provider must list as a client id: the one STS expects among several, else the only one.</summary>
    public string? Audience { get; init; }

    /// <summary>The role the token is exchanged for, when known: its account holds the provider.</summary>
    public Arn? Role { get; init; }

    /// <summary>The issuer without <c>https://</c>: the provider's name in its ARN and the prefix of its condition keys.</summary>
    public string ProviderPath => OidcPlatforms.ProviderPath(IssuerUrl);

    public string PlatformDescription => OidcPlatforms.Describe(Platform);

    /// <summary>Which issuer the token has, in words: for Azure DevOps, which of its two issuers and the id it names.</summary>
    public string IssuerName => Platform switch
    {
        OidcPlatform.AzureDevOps => $"Azure DevOps issuer (organization id {OidcPlatforms.IssuerId(IssuerUrl)})",
        OidcPlatform.AzureDevOpsEntra => $"Microsoft Entra issuer (tenant {OidcPlatforms.IssuerId(IssuerUrl)})",
        OidcPlatform.GitHubActions => "GitHub Actions issuer",
        _ => "OIDC issuer",
    };

    /// <summary>For Azure DevOps, what the issuer means for the IAM OIDC provider; null for other platforms.</summary>
    public string? IssuerNote => Platform switch
    {
        OidcPlatform.AzureDevOps =>
            $"This organization's token has the {IssuerName}, which Microsoft retires on 1 July 2027 in favour of the Microsoft Entra issuer https://login.microsoftonline.com/TENANT_ID/v2.0. " +
            "When the connection moves, add a second provider for the new issuer, widen the trust policy to both, then remove the old provider.",
        OidcPlatform.AzureDevOpsEntra =>
            $"This organization's token has the {IssuerName}. An IAM OIDC provider for the Azure DevOps issuer (vstoken.dev.azure.com) does not accept it: register this issuer.",
        _ => null,
    };

    /// <summary>The facts of a token's claims; null without claims or an issuer.</summary>
    public static OidcTokenFacts? From(OidcTokenClaims? claims, string expectedAudience, Arn? role = null) =>
        claims?.Issuer is not { } issuer
            ? null
            : new OidcTokenFacts
            {
                Claims = claims,
                Platform = OidcPlatforms.Detect(claims),
                IssuerUrl = issuer,
                Audience = claims.PrimaryAudience(expectedAudience),
                Role = role,
            };

    /// <summary>The facts of a token (read, not verified: STS verifies); null when it is not a JWT with an issuer.</summary>
    public static OidcTokenFacts? Read(string token, string expectedAudience, Arn? role = null) => From(OidcTokenClaims.TryRead(token), expectedAudience, role);

    /// <summary>The ARN IAM gives the provider in <paramref name="account"/> (a placeholder when it is not known).</summary>
    public string ProviderArn(string partition, string? account) =>
        $"arn:{partition}:iam::{account ?? TrustExplanation.AccountPlaceholder}:oidc-provider/{ProviderPath}";

    /// <summary>
    /// The rows a run summary shows: which issuer the token has, its subject and identifying claims, and the IAM OIDC
    /// provider AWS needs for it in the role's account (<c>***</c> when the account is masked).
    /// </summary>
    public IReadOnlyList<(string Label, string Value)> SummaryRows(bool maskAccount)
    {
        var rows = new List<(string, string)>
        {
            ("Token issuer", $"{IssuerName}: `{IssuerUrl}`"),
            ("Token subject", $"`{Claims.Subject ?? "(none)"}`"),
        };
        rows.AddRange(SummaryClaims.Where(name => Claims.Claim(name) is not null).Select(name => ($"Token {name}", $"`{Claims.Claim(name)}`")));
        rows.Add(("IAM OIDC provider", $"`{IssuerUrl}` with client id (audience) `{Audience ?? "(none)"}`: `{ProviderArn(Role?.Partition ?? "aws", maskAccount ? "***" : Role?.Account)}`"));
        return rows;
    }
}
