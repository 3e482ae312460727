using System.Text.Json.Serialization;

namespace AwsTempCredentials.Explain;

/// <summary>
/// Everything AWS must trust for one run, computed from its real inputs (the OIDC token, or the certificate and chain).
/// Exactly one of <see cref="WebIdentity"/> and <see cref="RolesAnywhere"/> is set.
/// </summary>
public sealed record TrustExplanation
{
    /// <summary><c>web-identity</c> or <c>roles-anywhere</c>.</summary>
    public required string Method { get; init; }

    public required string Partition { get; init; }

    /// <summary>The role's (or trust anchor's) account; null when no ARN named one (templates then use a placeholder).</summary>
    public string? Account { get; init; }

    public string? RoleArn { get; init; }

    /// <summary>The role's name, or a suggested one when no role was given.</summary>
    public required string RoleName { get; init; }

    public OidcTrustRequirements? WebIdentity { get; init; }

    public RolesAnywhereTrustRequirements? RolesAnywhere { get; init; }

    [JsonIgnore]
    public string AccountOrPlaceholder => Account ?? AccountPlaceholder;

    public const string AccountPlaceholder = "ACCOUNT_ID";
}
