namespace AwsTempCredentials.Testing.Iam;

/// <summary>
/// A role's trust for AssumeRoleWithWebIdentity: the federated OIDC issuer, the <c>aud</c> values allowed
/// (condition <c>{issuer}:aud</c>), and a <c>StringLike</c> pattern for <c>sub</c> (<c>*</c> and <c>?</c> wildcards).
/// </summary>
public sealed record WebIdentityTrust(string Issuer, IReadOnlyList<string> Audiences, string SubjectPattern = "*")
{
    public bool SubjectMatches(string? subject) =>
        subject is not null && System.Text.RegularExpressions.Regex.IsMatch(
            subject,
            "^" + System.Text.RegularExpressions.Regex.Escape(SubjectPattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
}
