using System.Text.RegularExpressions;

namespace AwsTempCredentials.Explain;

/// <summary>Which CI platform issued an OIDC token, as far as its issuer tells.</summary>
public enum OidcPlatform
{
    /// <summary>Any other OIDC issuer.</summary>
    Generic,

    /// <summary>GitHub Actions: <c>https://token.actions.githubusercontent.com</c> (optionally <c>/{enterprise}</c>).</summary>
    GitHubActions,

    /// <summary>Azure DevOps with its own issuer, <c>https://vstoken.dev.azure.com/{organization-id}</c> (retiring).</summary>
    AzureDevOps,

    /// <summary>Azure DevOps with the Microsoft Entra issuer, <c>https://login.microsoftonline.com/{tenant-id}/v2.0</c>.</summary>
    AzureDevOpsEntra,
}

/// <summary>Recognises the platform from the token's issuer (and subject, for the Entra issuer shared with other workloads).</summary>
public static partial class OidcPlatforms
{

    [GeneratedRegex(@"^https://token\.actions\.githubusercontent\.com(/[^/]+)?/?$", RegexOptions.CultureInvariant)]
    private static partial Regex GitHubIssuerPattern();

    [GeneratedRegex(@"^https://vstoken\.dev\.azure\.com/(?<org>[0-9a-fA-F-]{36})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex AzureDevOpsIssuerPattern();

    [GeneratedRegex(@"^https://login\.microsoftonline\.(com|us|partner\.microsoftonline\.cn)/(?<tenant>[0-9a-fA-F-]{36})/v2\.0/?$", RegexOptions.CultureInvariant)]
    private static partial Regex EntraIssuerPattern();

    public static OidcPlatform Detect(OidcTokenClaims claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var issuer = claims.Issuer ?? string.Empty;
        if (GitHubIssuerPattern().IsMatch(issuer))
        {
            return OidcPlatform.GitHubActions;
        }

        if (AzureDevOpsIssuerPattern().IsMatch(issuer))
        {
            return OidcPlatform.AzureDevOps;
        }

        // The Entra issuer serves every Entra workload: only a service-connection subject makes it Azure DevOps.
        if (EntraIssuerPattern().IsMatch(issuer) && claims.Subject is { } sub
            && (sub.StartsWith("sc://", StringComparison.Ordinal) || sub.Contains("/sc/", StringComparison.Ordinal)))
        {
            return OidcPlatform.AzureDevOpsEntra;
        }

        return OidcPlatform.Generic;
    }

    /// <summary>The organization id in a vstoken issuer, or the tenant id in an Entra issuer.</summary>
    public static string? IssuerId(string? issuer) =>
        issuer is null ? null
        : AzureDevOpsIssuerPattern().Match(issuer) is { Success: true } org ? org.Groups["org"].Value
        : EntraIssuerPattern().Match(issuer) is { Success: true } tenant ? tenant.Groups["tenant"].Value
        : null;

    public static string Describe(OidcPlatform platform) => platform switch
    {
        OidcPlatform.GitHubActions => "GitHub Actions",
        OidcPlatform.AzureDevOps => "Azure DevOps (Azure DevOps issuer)",
        OidcPlatform.AzureDevOpsEntra => "Azure DevOps (Microsoft Entra issuer)",
        _ => "OIDC (generic issuer)",
    };

    /// <summary>The name used in JSON output.</summary>
    public static string Name(OidcPlatform platform) => platform switch
    {
        OidcPlatform.GitHubActions => "github-actions",
        OidcPlatform.AzureDevOps => "azure-devops",
        OidcPlatform.AzureDevOpsEntra => "azure-devops-entra",
        _ => "generic",
    };

    /// <summary>What IAM names the provider: the issuer URL without its scheme and trailing slash (the condition-key prefix).</summary>
    public static string ProviderPath(string issuer)
    {
        var path = issuer.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? issuer["https://".Length..] : issuer;
        return path.TrimEnd('/');
    }
}
