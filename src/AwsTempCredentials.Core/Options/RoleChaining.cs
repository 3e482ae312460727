namespace AwsTempCredentials.Options;

/// <summary>
/// <c>role-chaining</c>: <c>true</c> means, as in configure-aws-credentials, assume <c>role-to-assume</c> with the
/// credentials already in the environment; a list of role ARNs means assume each, in order, after the first role.
/// </summary>
public sealed record RoleChaining(bool UseExistingCredentials, IReadOnlyList<Arn> Roles)
{
    public static RoleChaining None { get; } = new(false, []);
}
