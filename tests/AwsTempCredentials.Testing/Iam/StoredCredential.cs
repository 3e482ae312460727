namespace AwsTempCredentials.Testing.Iam;

/// <summary>Credentials the fakes know: a user's long-term key (no token, no expiry) or temporary credentials.</summary>
public sealed record StoredCredential(string AccessKeyId, string SecretAccessKey, string? SessionToken, DateTimeOffset? Expiration, CallerPrincipal Principal)
{
    /// <summary>"iam", "sts" or "rolesanywhere": which fake created them.</summary>
    public string IssuedBy { get; init; } = "iam";

    /// <summary>Session tags that pass on to chained sessions.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TransitiveTags { get; init; } = [];

    public string? SourceIdentity { get; init; }

    public bool IsTemporary => SessionToken is not null;
}
