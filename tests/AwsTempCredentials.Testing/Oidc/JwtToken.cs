using System.Buffers.Text;
using System.Text.Json;

namespace AwsTempCredentials.Testing.Oidc;

/// <summary>A JWT split into its parts (no verification): what a verifier starts from.</summary>
public sealed class JwtToken
{
    private JwtToken(JsonElement header, JsonElement payload, string signingInput, byte[] signature)
    {
        Header = header;
        Payload = payload;
        SigningInput = signingInput;
        Signature = signature;
    }

    public JsonElement Header { get; }

    public JsonElement Payload { get; }

    public string SigningInput { get; }

    public byte[] Signature { get; }

    public string? Algorithm => StringOf(Header, "alg");

    public string? KeyId => StringOf(Header, "kid");

    public string? Issuer => StringOf(Payload, "iss");

    public string? Subject => StringOf(Payload, "sub");

    /// <summary>The aud claim as a list (a JSON string or an array of strings).</summary>
    public IReadOnlyList<string> Audiences => Payload.TryGetProperty("aud", out var aud)
        ? aud.ValueKind switch
        {
            JsonValueKind.String => [aud.GetString()!],
            JsonValueKind.Array => [.. aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!)],
            _ => [],
        }
        : [];

    public DateTimeOffset? ExpiresAt => TimeOf("exp");

    public DateTimeOffset? NotBefore => TimeOf("nbf");

    public DateTimeOffset? IssuedAt => TimeOf("iat");

    public static bool TryParse(string? token, out JwtToken? parsed)
    {
        parsed = null;
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return false;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            parsed = new JwtToken(header.RootElement.Clone(), payload.RootElement.Clone(), parts[0] + "." + parts[1], Base64Url.DecodeFromChars(parts[2]));
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }

    private DateTimeOffset? TimeOf(string claim) =>
        Payload.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
