using System.Text.Json;
using System.Text.Json.Serialization;

namespace AwsTempCredentials.Explain;

/// <summary>What AWS must hold to accept one OIDC token: an IAM OIDC provider for its issuer and audience, and a role trust statement.</summary>
public sealed record OidcTrustRequirements
{
    [JsonIgnore]
    public OidcPlatform Platform { get; init; }

    [JsonPropertyName("platform")]
    public string PlatformName => OidcPlatforms.Name(Platform);

    public required string PlatformDescription { get; init; }

    /// <summary>The token's <c>iss</c>: the IAM OIDC provider's URL.</summary>
    public required string IssuerUrl { get; init; }

    /// <summary>The issuer without <c>https://</c>: the provider's name in its ARN and the prefix of its condition keys.</summary>
    public required string ProviderPath { get; init; }

    public required string ProviderArn { get; init; }

    /// <summary>The audience the provider must list as a client id and the trust policy must require.</summary>
    public required string ClientId { get; init; }

    public required string Subject { get; init; }

    /// <summary>How to get a thumbprint, and whether IAM needs one.</summary>
    public required string ThumbprintNote { get; init; }

    /// <summary>The claims of the token explained (never the token).</summary>
    public required OidcTokenClaims Claims { get; init; }

    [JsonIgnore]
    public TrustStatement Statement { get; init; } = null!;

    /// <summary>The least-privilege trust policy document.</summary>
    public JsonElement TrustPolicy => JsonDocument.Parse(PolicyJson.Document(Statement)).RootElement.Clone();

    public IReadOnlyList<string> Notes { get; init; } = [];
}
