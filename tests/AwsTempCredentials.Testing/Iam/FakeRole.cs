namespace AwsTempCredentials.Testing.Iam;

/// <summary>
/// An IAM role as the fakes know it. <see cref="TrustedPrincipals"/> lists who may call sts:AssumeRole: account ids
/// or <c>arn:…:root</c> (any principal of that account), user ARNs, role ARNs (any session of that role) or
/// assumed-role session ARNs. Roles Anywhere may assume it when <see cref="TrustsRolesAnywhere"/> and a profile lists it.
/// </summary>
public sealed record FakeRole
{
    public FakeRole(string arn)
    {
        var match = AwsIdentifiers.RoleArn().Match(arn);
        if (!match.Success)
        {
            throw new ArgumentException($"Not a role ARN: {arn}", nameof(arn));
        }

        Arn = arn;
        Partition = match.Groups["partition"].Value;
        AccountId = match.Groups["account"].Value;
        Name = match.Groups["name"].Value;
    }

    public string Arn { get; }

    public string Partition { get; }

    public string AccountId { get; }

    public string Name { get; }

    public string RoleId { get; } = AwsIdentifiers.NewRoleId();

    /// <summary>IAM's MaxSessionDuration, 3600..43200.</summary>
    public int MaxSessionDurationSeconds { get; init; } = 3600;

    public IReadOnlyList<string> TrustedPrincipals { get; init; } = [];

    public WebIdentityTrust? WebIdentity { get; init; }

    /// <summary>When set, AssumeRole must pass exactly this ExternalId (condition sts:ExternalId).</summary>
    public string? RequiredExternalId { get; init; }

    /// <summary>
    /// A trust policy document. When set, it decides AssumeRoleWithWebIdentity (when <see cref="WebIdentity"/> is not set)
    /// and Roles Anywhere (instead of <see cref="TrustsRolesAnywhere"/>), conditions included.
    /// </summary>
    public TrustPolicy? TrustPolicy { get; init; }

    /// <summary>Trust policy allows rolesanywhere.amazonaws.com.</summary>
    public bool TrustsRolesAnywhere { get; init; } = true;

    public bool Trusts(CallerPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Partition != Partition)
        {
            return false;
        }

        return TrustedPrincipals.Any(p =>
            p == caller.AccountId
            || p == $"arn:{caller.Partition}:iam::{caller.AccountId}:root"
            || string.Equals(p, caller.Arn, StringComparison.Ordinal)
            || (caller.RoleArn is not null && string.Equals(p, caller.RoleArn, StringComparison.Ordinal)));
    }
}
