using System.Text.Json;

namespace AwsTempCredentials.AzureDevOps.Clients;

/// <summary>
/// The JSON error body Azure DevOps answers with (<c>{"$id":"1","message":"TF…","typeName":…,"typeKey":…}</c>),
/// sometimes with HTTP 200 (an invalid secure-file download ticket).
/// </summary>
internal sealed record ServiceError(string Message, string? TypeKey)
{
    public static ServiceError? TryRead(ReadOnlySpan<byte> body)
    {
        var start = body.TrimStart(" \t\r\n"u8);
        if (start.IsEmpty || start[0] != (byte)'{')
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var typeKey = root.TryGetProperty("typeKey", out var key) && key.ValueKind == JsonValueKind.String ? key.GetString() : null;
            return new ServiceError(message.GetString() ?? string.Empty, typeKey);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => TypeKey is null ? Message : $"{Message} ({TypeKey})";
}
