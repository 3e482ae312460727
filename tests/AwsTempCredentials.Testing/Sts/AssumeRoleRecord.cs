namespace AwsTempCredentials.Testing.Sts;

/// <summary>
/// One AssumeRole or AssumeRoleWithWebIdentity request as the fake received it (recorded even when refused), so tests
/// can assert on exactly what the product sent.
/// </summary>
public sealed record AssumeRoleRecord(string Action, string? RoleArn, string? RoleSessionName, int? DurationSeconds)
{
    public string? ExternalId { get; init; }

    public string? Policy { get; init; }

    public IReadOnlyList<string> PolicyArns { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; init; } = [];

    public IReadOnlyList<string> TransitiveTagKeys { get; init; } = [];

    public string? SourceIdentity { get; init; }

    /// <summary>ARN of the signing principal (AssumeRole only).</summary>
    public string? CallerArn { get; init; }

    /// <summary>The JWT (AssumeRoleWithWebIdentity only).</summary>
    public string? WebIdentityToken { get; init; }

    /// <summary>Every form parameter as sent.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Null when the call succeeded, else the error code answered.</summary>
    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>Access key id of the credentials issued, when it succeeded.</summary>
    public string? IssuedAccessKeyId { get; init; }

    public bool Succeeded => ErrorCode is null;
}
