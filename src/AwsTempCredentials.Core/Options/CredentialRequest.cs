using AwsTempCredentials.KeyMaterial;

namespace AwsTempCredentials.Options;

/// <summary>Everything needed to obtain credentials, validated. Built by <see cref="CredentialRequestParser"/>.</summary>
public sealed record CredentialRequest
{
    public const int DefaultDurationSeconds = 3600;
    public const int ChainedDurationCapSeconds = 3600;
    public const int DefaultRetryMaxAttempts = 3;
    public const string DefaultAudience = "sts.amazonaws.com";

    public required AuthMethod Method { get; init; }

    /// <summary>Region for STS and for what is exported; null means the SDK's default (us-east-1 global endpoint).</summary>
    public string? Region { get; init; }

    public Arn? RoleToAssume { get; init; }

    public required string RoleSessionName { get; init; }

    /// <summary>
    /// True when the user gave <c>role-session-name</c>; false when it is the host's default. Roles Anywhere refuses a
    /// session name unless its profile accepts one, so only an explicit name is sent there.
    /// </summary>
    public bool RoleSessionNameIsExplicit { get; init; }

    public int DurationSeconds { get; init; } = DefaultDurationSeconds;

    public string? ExternalId { get; init; }

    public RoleChaining Chaining { get; init; } = RoleChaining.None;

    public bool SkipSessionTagging { get; init; }

    public IReadOnlyList<SessionTag> SessionTags { get; init; } = [];

    public IReadOnlyList<string> TransitiveTagKeys { get; init; } = [];

    public string? SourceIdentity { get; init; }

    public string? InlineSessionPolicy { get; init; }

    public IReadOnlyList<Arn> ManagedSessionPolicies { get; init; } = [];

    public string Audience { get; init; } = DefaultAudience;

    public string? WebIdentityTokenFile { get; init; }

    public string? AccessKeyId { get; init; }

    public string? SecretAccessKey { get; init; }

    public string? SessionToken { get; init; }

    public Arn? TrustAnchorArn { get; init; }

    public Arn? ProfileArn { get; init; }

    public KeyMaterialInput KeyMaterial { get; init; } = KeyMaterialInput.Empty;

    public IReadOnlySet<string> AllowedAccountIds { get; init; } = new HashSet<string>();

    public bool MaskAccountId { get; init; }

    public int RetryMaxAttempts { get; init; } = DefaultRetryMaxAttempts;

    /// <summary>How long throttling is waited out in this run (<c>throttling-budget-s</c>); the deadline bounds it too.</summary>
    public TimeSpan ThrottlingBudget { get; init; } = Http.HttpSettings.DefaultThrottlingBudget;

    public TimeSpan? Deadline { get; init; }

    public string? AwsProfile { get; init; }

    /// <summary>The region STS is called in: the given one, else the trust anchor's, else null (global endpoint).</summary>
    public string? EffectiveRegion => Region ?? TrustAnchorArn?.Region;
}
