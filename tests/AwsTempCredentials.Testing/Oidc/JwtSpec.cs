namespace AwsTempCredentials.Testing.Oidc;

/// <summary>
/// Everything about a token to mint. Times default to "valid now for an hour"; set them in the past or future to make
/// expired or not-yet-valid tokens. <see cref="Audiences"/> with one entry is written as a string, with more as an array.
/// </summary>
public sealed record JwtSpec(string Subject, IReadOnlyList<string> Audiences)
{
    public JwtSpec(string subject, string audience)
        : this(subject, [audience])
    {
    }

    /// <summary>Overrides the issuer's <c>iss</c>.</summary>
    public string? Issuer { get; init; }

    public DateTimeOffset? IssuedAt { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Claims added to the payload (values serialised with System.Text.Json), e.g. repository, ref, job_workflow_ref.</summary>
    public IReadOnlyDictionary<string, object?> ExtraClaims { get; init; } = new Dictionary<string, object?>();

    /// <summary>Overrides the <c>kid</c> header.</summary>
    public string? KeyId { get; init; }

    /// <summary>Sign with a key nobody registered (the signature will not verify).</summary>
    public bool SignWithForeignKey { get; init; }
}
