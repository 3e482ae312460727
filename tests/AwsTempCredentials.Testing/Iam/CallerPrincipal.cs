namespace AwsTempCredentials.Testing.Iam;

/// <summary>Who signed a request: an IAM user, or a role session (then <see cref="RoleArn"/> and <see cref="SessionName"/> are set).</summary>
public sealed record CallerPrincipal(string Partition, string AccountId, string Arn, string UserId)
{
    public string? RoleArn { get; init; }

    public string? SessionName { get; init; }

    public bool IsAssumedRole => RoleArn is not null;

    public static CallerPrincipal ForRoleSession(FakeRole role, string sessionName) =>
        new(role.Partition, role.AccountId, $"arn:{role.Partition}:sts::{role.AccountId}:assumed-role/{role.Name}/{sessionName}", $"{role.RoleId}:{sessionName}")
        {
            RoleArn = role.Arn,
            SessionName = sessionName,
        };
}
