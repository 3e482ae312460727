using System.Text.Json;

namespace AwsTempCredentials.Testing.RolesAnywhere;

/// <summary>The CreateSession JSON body, parsed strictly (unknown or mistyped fields are refused).</summary>
internal sealed record CreateSessionBody(string ProfileArn, string RoleArn, string TrustAnchorArn, int DurationSeconds, string? RoleSessionName)
{
    private static readonly HashSet<string> Known = ["durationSeconds", "profileArn", "roleArn", "trustAnchorArn", "roleSessionName"];

    public static CreateSessionBody Parse(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw RolesAnywhereError.Validation($"The request body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw RolesAnywhereError.Validation("The request body must be a JSON object.");
            }

            foreach (var property in root.EnumerateObject().Where(p => !Known.Contains(p.Name)))
            {
                throw RolesAnywhereError.Validation($"Unknown field '{property.Name}'.");
            }

            var duration = 3600;
            if (root.TryGetProperty("durationSeconds", out var d) && (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out duration)))
            {
                throw RolesAnywhereError.Validation("durationSeconds must be an integer.");
            }

            if (duration is < 900 or > 43200)
            {
                throw RolesAnywhereError.Validation($"1 validation error detected: Value '{duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200");
            }

            var sessionName = OptionalString(root, "roleSessionName");
            if (sessionName is not null && !Iam.AwsIdentifiers.RoleSessionName().IsMatch(sessionName))
            {
                throw RolesAnywhereError.Validation(@"roleSessionName must be 2..64 characters of [\w+=,.@-].");
            }

            return new CreateSessionBody(Required(root, "profileArn"), Required(root, "roleArn"), Required(root, "trustAnchorArn"), duration, sessionName);
        }
    }

    private static string Required(JsonElement root, string name) =>
        OptionalString(root, name) ?? throw RolesAnywhereError.Validation($"1 validation error detected: Value null at '{name}' failed to satisfy constraint: Member must not be null");

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw RolesAnywhereError.Validation($"{name} must be a string.");
    }
}
