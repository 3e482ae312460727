namespace AwsTempCredentials.Explain;

/// <summary>One condition of a policy statement: <c>"Operator": { "Key": [values] }</c>.</summary>
public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values);

/// <summary>
/// The Allow statement a role's trust policy needs: who (<c>Federated</c> provider ARN or <c>Service</c> principal),
/// which actions, under which conditions. Rendered by <see cref="PolicyJson"/>; never built by string concatenation.
/// </summary>
public sealed record TrustStatement(string PrincipalType, string Principal, IReadOnlyList<string> Actions, IReadOnlyList<PolicyCondition> Conditions)
{
    public string Sid { get; init; } = "AwsTempCredentials";
}
