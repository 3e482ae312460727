namespace AwsTempCredentials.Testing.RolesAnywhere;

/// <summary>A Roles Anywhere profile: the roles it may hand out and its session duration cap.</summary>
public sealed record RolesAnywhereProfile(string Arn, string Partition, string Region, string AccountId, IReadOnlyList<string> RoleArns)
{
    /// <summary>The profile's durationSeconds: CreateSession may not ask for more.</summary>
    public int DurationSeconds { get; init; } = 3600;

    /// <summary>Whether a <c>roleSessionName</c> may be given (acceptRoleSessionName).</summary>
    public bool AcceptRoleSessionName { get; init; }

    public bool Enabled { get; init; } = true;
}
