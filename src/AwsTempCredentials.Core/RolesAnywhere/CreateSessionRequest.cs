using System.Text.Json.Serialization;

namespace AwsTempCredentials.RolesAnywhere;

/// <summary>The JSON body of CreateSession.</summary>
public sealed record CreateSessionRequest(
    [property: JsonPropertyName("durationSeconds")] int DurationSeconds,
    [property: JsonPropertyName("profileArn")] string ProfileArn,
    [property: JsonPropertyName("roleArn")] string RoleArn,
    [property: JsonPropertyName("trustAnchorArn")] string TrustAnchorArn,
    [property: JsonPropertyName("roleSessionName"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RoleSessionName);
