using System.Text.Json.Serialization;

namespace AwsTempCredentials.RolesAnywhere;

/// <summary>The JSON answer of CreateSession (201).</summary>
public sealed record CreateSessionResponse(
    [property: JsonPropertyName("credentialSet")] IReadOnlyList<CredentialSetEntry>? CredentialSet,
    [property: JsonPropertyName("subjectArn")] string? SubjectArn);

public sealed record CredentialSetEntry(
    [property: JsonPropertyName("credentials")] RolesAnywhereCredentials? Credentials,
    [property: JsonPropertyName("assumedRoleUser")] AssumedRoleUser? AssumedRoleUser,
    [property: JsonPropertyName("roleArn")] string? RoleArn);

public sealed record RolesAnywhereCredentials(
    [property: JsonPropertyName("accessKeyId")] string? AccessKeyId,
    [property: JsonPropertyName("secretAccessKey")] string? SecretAccessKey,
    [property: JsonPropertyName("sessionToken")] string? SessionToken,
    [property: JsonPropertyName("expiration")] DateTimeOffset? Expiration);

public sealed record AssumedRoleUser(
    [property: JsonPropertyName("arn")] string? Arn,
    [property: JsonPropertyName("assumedRoleId")] string? AssumedRoleId);

/// <summary>The JSON error body: <c>{"message": "…"}</c>; the type comes in <c>X-Amzn-ErrorType</c>.</summary>
public sealed record RolesAnywhereError([property: JsonPropertyName("message")] string? Message);

[JsonSerializable(typeof(CreateSessionRequest))]
[JsonSerializable(typeof(CreateSessionResponse))]
[JsonSerializable(typeof(RolesAnywhereError))]
internal sealed partial class RolesAnywhereJsonContext : JsonSerializerContext;
