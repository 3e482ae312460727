using System.Globalization;

namespace AwsTempCredentials.Explain;

/// <summary>
/// After AWS refused: what the token or certificate said and the likely mismatch, from the same knowledge as
/// <c>explain</c>. Shows claims and certificate facts only — never the token, a secret or the key.
/// </summary>
public static class RefusalDiagnosis
{
    /// <summary>The hint for a refused AssumeRoleWithWebIdentity; null for errors this does not explain.</summary>
    public static string? ForWebIdentity(string? errorCode, string serviceMessage, OidcTokenClaims? claims, string roleArn, string partition, string account, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(serviceMessage);
        if (claims?.Issuer is null)
        {
            return errorCode switch
            {
                "AccessDenied" => $"The role's trust policy does not allow this token. Check the trust policy of {roleArn}.",
                "InvalidIdentityToken" => "STS could not read the token: check it is the OIDC token (JWT) of your CI platform.",
                "ExpiredTokenException" => "The OIDC token had expired when STS read it: fetch the token right before this step, and check the machine's clock.",
                _ => null,
            };
        }

        var facts = OidcTokenFacts.From(claims, string.Empty)!;
        var path = facts.ProviderPath;
        var provider = facts.ProviderArn(partition, account);
        var audience = claims.Audiences.Count == 0 ? "(none)" : string.Join(",", claims.Audiences);
        var seen = $"The token's claims: {claims.Describe()}.";
        var explain = " Run `aws-temp-credentials explain` with the same inputs for the provider and trust policy to create.";
        var likely = errorCode switch
        {
            "AccessDenied" =>
                $"Likely mismatch: the sub condition — the trust policy of {roleArn} must allow sts:AssumeRoleWithWebIdentity for the federated principal {provider} "
                + $"with \"{path}:sub\" = \"{claims.Subject}\" and \"{path}:aud\" = \"{audience}\"; a policy pinned to another repository, branch, environment or service connection refuses this token"
                + (facts.Platform == OidcPlatform.GitHubActions && claims.Claim("repository_owner_id") is { } owner && claims.Subject?.Contains($"-{owner}/", StringComparison.Ordinal) == true
                    ? " (this sub has GitHub's immutable format with owner and repository ids: a condition on 'repo:OWNER/REPO:…' does not match it)"
                    : string.Empty)
                + $". If the role trusts another provider, the issuer does not match: the principal must be {provider}.",
            "InvalidIdentityToken" when serviceMessage.Contains("audience", StringComparison.OrdinalIgnoreCase) =>
                $"Likely mismatch: the audience — the IAM OIDC provider {provider} must list {audience} as a client id (or request the token for the audience the provider lists, with the audience option).",
            "InvalidIdentityToken" when serviceMessage.Contains("provider", StringComparison.OrdinalIgnoreCase) =>
                $"Likely mismatch: the issuer is not registered — account {account} needs an IAM OIDC identity provider with URL {claims.Issuer} and client id {audience}"
                + (facts.Platform == OidcPlatform.AzureDevOpsEntra ? " (this organization's token has the Microsoft Entra issuer, not vstoken.dev.azure.com)" : string.Empty) + ".",
            "InvalidIdentityToken" when serviceMessage.Contains("not valid before", StringComparison.OrdinalIgnoreCase) =>
                $"Likely mismatch: the clock — the token is not valid before {Time(claims.NotBefore)} and STS's time is earlier; check the machine's clock.",
            "InvalidIdentityToken" =>
                $"Likely mismatch: the issuer's keys or the token — STS could not verify it against the provider for {claims.Issuer}; check the provider's URL and, for a self-hosted issuer, its thumbprint.",
            "ExpiredTokenException" =>
                $"Likely mismatch: the clock — the token expired at {Time(claims.ExpiresAt)} (now {Time(now)}): fetch the token right before this step and check the machine's clock.",
            "IDPRejectedClaim" =>
                "Likely mismatch: a claim the identity provider rejects — check the provider's client ids and the token's audience.",
            _ => null,
        };
        return likely is null ? null : $"{seen} {likely}{explain}";
    }

    /// <summary>The hint for a refused Roles Anywhere CreateSession; null for errors this does not explain.</summary>
    public static string? ForRolesAnywhere(
        string type, string message, CertificateFacts leaf, IReadOnlyList<CertificateFacts> chain, string trustAnchorArn, string profileArn, string roleArn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(chain);
        var seen = $"The certificate: {leaf.Describe()}"
            + (chain.Count == 0 ? "; no chain was sent." : $"; chain sent: {string.Join("; ", chain.Select(c => $"'{c.Subject}'"))}.");
        var issuing = chain.Count > 0 ? chain[^1] : null;
        string? likely = (type, message) switch
        {
            (_, var m) when m.Contains("Untrusted signing certificate", StringComparison.OrdinalIgnoreCase) => leaf.ValidityProblem(now) is { } problem
                ? $"Likely mismatch: the clock or the certificate's validity — it is {problem}."
                : $"Likely mismatch: the CA is not in the trust anchor — the certificate does not chain to the CA of trust anchor {trustAnchorArn}, which must hold the CA '{(issuing is null ? leaf.Issuer : issuing.IsSelfSigned ? issuing.Subject : issuing.Issuer)}'"
                  + (issuing is null ? $" (key id {leaf.AuthorityKeyId ?? "unknown"}); if an intermediate CA issued the certificate, give intermediate CAs in certificate-chain" : $" (key id {(issuing.IsSelfSigned ? issuing.SubjectKeyId : issuing.AuthorityKeyId) ?? "unknown"})")
                  + "; check the trust anchor is enabled and in the region you call.",
            (_, var m) when m.Contains("Unable to assume role", StringComparison.OrdinalIgnoreCase) =>
                $"Likely mismatch: the role is not in the profile, or the role's trust policy — profile {profileArn} must list {roleArn} and be enabled, and the trust policy of {roleArn} must allow "
                + $"{RolesAnywhereTrust.ServicePrincipal} to {string.Join(", ", RolesAnywhereTrust.Actions)} with conditions this certificate meets"
                + $" ({string.Join(", ", new[]
                {
                    leaf.CommonName is { } cn ? $"aws:PrincipalTag/x509Subject/CN = \"{cn}\"" : null,
                    leaf.IssuerCommonName is { } icn ? $"aws:PrincipalTag/x509Issuer/CN = \"{icn}\"" : null,
                    $"aws:SourceArn = {trustAnchorArn}",
                }.OfType<string>())}).",
            ("ResourceNotFoundException", _) =>
                "Likely mismatch: the trust anchor or profile ARN — both must exist in the region of the trust anchor, in the same account.",
            ("ValidationException", var m) when m.Contains("duration", StringComparison.OrdinalIgnoreCase) =>
                "Likely mismatch: the session duration. Lower role-duration-seconds: the profile's duration limit and the role's maximum session duration cap it.",
            ("ValidationException", var m) when m.Contains("session name", StringComparison.OrdinalIgnoreCase) =>
                "Likely mismatch: role-session-name — the profile does not accept a custom session name: leave it out or enable it on the profile.",
            ("ValidationException", _) => "Likely mismatch: an ARN or role-session-name — check trust-anchor-arn, profile-arn, role-to-assume and the region.",
            ("AccessDeniedException", var m) when m.Contains("signature", StringComparison.OrdinalIgnoreCase) =>
                "Likely mismatch: the clock or the request — the signature was refused: check the machine's clock (UTC) and that no proxy rewrites the request.",
            ("AccessDeniedException", var m) when m.Contains("disabled", StringComparison.OrdinalIgnoreCase) =>
                "Likely mismatch: a disabled trust anchor or profile — enable it.",
            ("AccessDeniedException", _) => leaf.ValidityProblem(now) is { } problem
                ? $"Likely mismatch: the clock or the certificate's validity — it is {problem}."
                : "Check the trust anchor and profile are enabled and the certificate is not revoked (CRL).",
            _ => null,
        };
        return likely is null ? null : $"{seen} {likely} Run `aws-temp-credentials explain` with the same inputs for what AWS must hold.";
    }

    private static string Time(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "(unknown)";
}
