namespace AwsTempCredentials.Testing.RolesAnywhere;

/// <summary>One CreateSession request as received (refused ones included), for assertions.</summary>
public sealed record CreateSessionRecord
{
    public string? ContentType { get; init; }

    public string? Authorization { get; init; }

    public string? Algorithm { get; init; }

    public string? CredentialSerial { get; init; }

    public int ChainLength { get; init; }

    public string Body { get; init; } = string.Empty;

    public string? ProfileArn { get; init; }

    public string? RoleArn { get; init; }

    public string? TrustAnchorArn { get; init; }

    public int? DurationSeconds { get; init; }

    public string? RoleSessionName { get; init; }

    /// <summary>Null on success, else the X-Amzn-ErrorType answered.</summary>
    public string? ErrorType { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>The fake's own reason for refusing (more precise than the service's message).</summary>
    public string? ErrorDetail { get; init; }

    public string? IssuedAccessKeyId { get; init; }

    public bool Succeeded => ErrorType is null;
}
