using AwsTempCredentials.Options;

namespace AwsTempCredentials.Sts;

/// <summary>What one AssumeRole call asks for.</summary>
public sealed record AssumeRoleParameters(Arn Role, string SessionName, int DurationSeconds)
{
    public string? ExternalId { get; init; }

    public IReadOnlyList<SessionTag> Tags { get; init; } = [];

    public IReadOnlyList<string> TransitiveTagKeys { get; init; } = [];

    public string? SourceIdentity { get; init; }

    public string? InlinePolicy { get; init; }

    public IReadOnlyList<Arn> ManagedPolicies { get; init; } = [];
}
