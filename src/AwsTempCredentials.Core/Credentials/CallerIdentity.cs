namespace AwsTempCredentials.Credentials;

/// <summary>Who a set of credentials is: from the assuming call's answer, or STS GetCallerIdentity where no answer names it.</summary>
public sealed record CallerIdentity(string Account, string Arn, string UserId)
{
    /// <summary>
    /// The identity an AssumeRole*, or CreateSession, answer names: <c>AssumedRoleUser.Arn</c>
    /// (<c>arn:aws:sts::123456789012:assumed-role/role/session</c>, which holds the account) and <c>AssumedRoleId</c>.
    /// Null when the answer lacks it or it is not an assumed-role ARN.
    /// </summary>
    public static CallerIdentity? FromAssumedRoleUser(string? arn, string? assumedRoleId) =>
        arn is not null && Options.Arn.TryParse(arn, out var parsed)
        && parsed.Service == "sts" && parsed.Resource.StartsWith("assumed-role/", StringComparison.Ordinal)
        && parsed.Account.Length == 12 && parsed.Account.All(char.IsAsciiDigit)
            ? new CallerIdentity(parsed.Account, arn, assumedRoleId ?? string.Empty)
            : null;
}
