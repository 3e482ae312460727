using System.Buffers.Text;
using System.Text.Json;

namespace AwsTempCredentials.Sts;

/// <summary>The claims of a JWT that explain a trust-policy mismatch (iss, sub, aud). Never the token itself.</summary>
public sealed record WebIdentityTokenClaims(string? Issuer, string? Subject, string? Audience)
{
    /// <summary>Reads the payload without verifying it (STS verifies); null when the text is not a JWT.</summary>
    public static WebIdentityTokenClaims? TryRead(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = Base64Url.DecodeFromChars(parts[1]);
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            return new WebIdentityTokenClaims(Text(root, "iss"), Text(root, "sub"), Text(root, "aud"));
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.Array ? string.Join(",", value.EnumerateArray().Select(v => v.ToString())) : value.ToString()
            : null;

    public override string ToString() => $"iss={Issuer ?? "(none)"}, sub={Subject ?? "(none)"}, aud={Audience ?? "(none)"}";
}
