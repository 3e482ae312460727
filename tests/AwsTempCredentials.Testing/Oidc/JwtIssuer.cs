using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AwsTempCredentials.Testing.Oidc;

/// <summary>
/// An OpenID Connect token issuer for tests: holds an RSA key and mints RS256 JWTs.
/// Register it with the STS fake (<c>FakeAws.AddOidcProvider</c>) so AssumeRoleWithWebIdentity trusts its tokens;
/// endpoint fakes (GitHub, Azure DevOps) use <see cref="Mint(string, string, TimeSpan?)"/> to answer token requests.
/// </summary>
public sealed class JwtIssuer
{
    private static readonly Lazy<RSA> ForeignKey = new(() => RSA.Create(2048));

    private readonly RSA _key;

    public JwtIssuer(string issuer, string? keyId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        Issuer = issuer;
        KeyId = keyId ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        _key = RSA.Create(2048);
    }

    /// <summary>The <c>iss</c> claim, e.g. https://token.actions.githubusercontent.com.</summary>
    public string Issuer { get; }

    public string KeyId { get; }

    /// <summary>A token valid from now for <paramref name="lifetime"/> (default one hour).</summary>
    public string Mint(string subject, string audience, TimeSpan? lifetime = null) =>
        Mint(new JwtSpec(subject, audience) { ExpiresAt = DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromHours(1)) });

    /// <summary>A token that expired <paramref name="ago"/> (default 10 minutes) ago.</summary>
    public string MintExpired(string subject, string audience, TimeSpan? ago = null)
    {
        var expiry = DateTimeOffset.UtcNow - (ago ?? TimeSpan.FromMinutes(10));
        return Mint(new JwtSpec(subject, audience) { IssuedAt = expiry.AddHours(-1), NotBefore = expiry.AddHours(-1), ExpiresAt = expiry });
    }

    /// <summary>A well-formed token whose signature was made with another key.</summary>
    public string MintBadlySigned(string subject, string audience) => Mint(new JwtSpec(subject, audience) { SignWithForeignKey = true });

    public string Mint(JwtSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var now = DateTimeOffset.UtcNow;
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = spec.KeyId ?? KeyId };
        var payload = new JsonObject
        {
            ["iss"] = spec.Issuer ?? Issuer,
            ["sub"] = spec.Subject,
            ["aud"] = spec.Audiences.Count == 1 ? JsonValue.Create(spec.Audiences[0]) : new JsonArray([.. spec.Audiences.Select(a => JsonValue.Create(a))]),
            ["iat"] = (spec.IssuedAt ?? now).ToUnixTimeSeconds(),
            ["nbf"] = (spec.NotBefore ?? spec.IssuedAt ?? now).ToUnixTimeSeconds(),
            ["exp"] = (spec.ExpiresAt ?? now.AddHours(1)).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
        };
        foreach (var (name, value) in spec.ExtraClaims)
        {
            payload[name] = JsonSerializer.SerializeToNode(value);
        }

        var signingInput = Encode(header) + "." + Encode(payload);
        var key = spec.SignWithForeignKey ? ForeignKey.Value : _key;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Whether the RS256 signature of <paramref name="signingInput"/> (header.payload) was made by this issuer.</summary>
    public bool VerifySignature(string signingInput, byte[] signature) =>
        _key.VerifyData(Encoding.ASCII.GetBytes(signingInput), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>The issuer's public key set, as served at its jwks_uri.</summary>
    public string JwksJson()
    {
        var parameters = _key.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["alg"] = "RS256",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
        };
        return new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString();
    }

    /// <summary>The OpenID discovery document for this issuer.</summary>
    public string DiscoveryJson() => new JsonObject
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = Issuer.TrimEnd('/') + "/.well-known/jwks",
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["response_types_supported"] = new JsonArray("id_token"),
        ["subject_types_supported"] = new JsonArray("public"),
    }.ToJsonString();

    private static string Encode(JsonObject node) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(node.ToJsonString()));
}
