using System.Buffers.Text;
using System.Text.Json;

namespace AwsTempCredentials.Explain;

/// <summary>
/// What an OIDC token (JWT) says about itself, read from its payload without verifying the signature (STS verifies).
/// Only claims that explain a trust decision are kept; never the token.
/// </summary>
public sealed record OidcTokenClaims
{
    /// <summary>Claims worth showing when they are present, in the order they are shown.</summary>
    private static readonly string[] NotableClaims =
    [
        "repository", "repository_owner", "repository_id", "repository_owner_id", "ref", "ref_type", "environment",
        "job_workflow_ref", "workflow_ref", "event_name", "tid", "oid", "azp",
    ];

    public string? Issuer { get; init; }

    public string? Subject { get; init; }

    public IReadOnlyList<string> Audiences { get; init; } = [];

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>Other claims that identify where the token comes from (GitHub's repository, ref, environment, …).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    public string? Claim(string name) => Extra.GetValueOrDefault(name);

    /// <summary>The payload's claims; null when the text is not a JWT with a JSON object payload.</summary>
    public static OidcTokenClaims? TryRead(string token)
    {
        var parts = token.Trim().Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new OidcTokenClaims
            {
                Issuer = Text(root, "iss"),
                Subject = Text(root, "sub"),
                Audiences = root.TryGetProperty("aud", out var aud)
                    ? aud.ValueKind == JsonValueKind.Array ? [.. aud.EnumerateArray().Select(a => a.ToString())] : [aud.ToString()]
                    : [],
                ExpiresAt = Time(root, "exp"),
                NotBefore = Time(root, "nbf"),
                IssuedAt = Time(root, "iat"),
                Extra = NotableClaims.Select(name => (Name: name, Value: Text(root, name))).Where(c => c.Value is not null)
                    .ToDictionary(c => c.Name, c => c.Value!, StringComparer.Ordinal),
            };
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The audience to trust: the one STS expects among several, else the only one.</summary>
    public string? PrimaryAudience(string expected) =>
        Audiences.Contains(expected, StringComparer.Ordinal) ? expected : Audiences.Count > 0 ? Audiences[0] : null;

    /// <summary><c>iss=…, aud=…, sub=…</c> plus the notable claims present, for a log line.</summary>
    public string Describe() =>
        string.Join(", ", new[] { $"iss={Issuer ?? "(none)"}", $"aud={(Audiences.Count == 0 ? "(none)" : string.Join(",", Audiences))}", $"sub={Subject ?? "(none)"}" }
            .Concat(Extra.Select(c => $"{c.Key}={c.Value}")));

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Object or JsonValueKind.Array)
            ? value.ToString()
            : null;

    private static DateTimeOffset? Time(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            && seconds is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
