namespace AwsTempCredentials.Options;

/// <summary>
/// The canonical option names, kebab-case, the same in every host: CLI flags (<c>--aws-region</c>),
/// GitHub inputs (<c>aws-region</c>), Azure DevOps inputs (<c>awsRegion</c>, the camelCase of the same words).
/// </summary>
public static class OptionNames
{
    public const string AuthMethod = "auth-method";
    public const string AwsRegion = "aws-region";
    public const string RoleToAssume = "role-to-assume";
    public const string RoleSessionName = "role-session-name";
    public const string RoleDurationSeconds = "role-duration-seconds";
    public const string RoleExternalId = "role-external-id";
    public const string RoleChaining = "role-chaining";
    public const string RoleSkipSessionTagging = "role-skip-session-tagging";
    public const string TransitiveTagKeys = "transitive-tag-keys";
    public const string SourceIdentity = "source-identity";
    public const string InlineSessionPolicy = "inline-session-policy";
    public const string ManagedSessionPolicies = "managed-session-policies";
    public const string Audience = "audience";
    public const string WebIdentityTokenFile = "web-identity-token-file";
    public const string AwsAccessKeyId = "aws-access-key-id";
    public const string AwsSecretAccessKey = "aws-secret-access-key";
    public const string AwsSessionToken = "aws-session-token";
    public const string TrustAnchorArn = "trust-anchor-arn";
    public const string ProfileArn = "profile-arn";
    public const string Certificate = "certificate";
    public const string PrivateKey = "private-key";
    public const string CertificateChain = "certificate-chain";
    public const string PrivateKeyPassphrase = "private-key-passphrase";
    public const string CertStore = "cert-store";
    public const string CertSelector = "cert-selector";
    public const string Pkcs11Uri = "pkcs11-uri";
    public const string Pkcs11Module = "pkcs11-module";
    public const string Pkcs11Pin = "pkcs11-pin";
    public const string AllowedAccountIds = "allowed-account-ids";
    public const string MaskAwsAccountId = "mask-aws-account-id";
    public const string RetryMaxAttempts = "retry-max-attempts";
    public const string ThrottlingBudgetSeconds = "throttling-budget-s";
    public const string ActionTimeoutSeconds = "action-timeout-s";
    public const string AwsProfile = "aws-profile";

    /// <summary>Every canonical option, in the order help and docs list them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        AuthMethod, AwsRegion, RoleToAssume, RoleSessionName, RoleDurationSeconds, RoleExternalId, RoleChaining,
        RoleSkipSessionTagging, TransitiveTagKeys, SourceIdentity, InlineSessionPolicy, ManagedSessionPolicies,
        Audience, WebIdentityTokenFile, AwsAccessKeyId, AwsSecretAccessKey, AwsSessionToken, TrustAnchorArn,
        ProfileArn, Certificate, PrivateKey, CertificateChain, PrivateKeyPassphrase, CertStore, CertSelector, Pkcs11Uri, Pkcs11Module, Pkcs11Pin, AllowedAccountIds,
        MaskAwsAccountId, RetryMaxAttempts, ThrottlingBudgetSeconds, ActionTimeoutSeconds, AwsProfile,
    ];

    /// <summary><c>role-to-assume</c> → <c>roleToAssume</c>: the Azure DevOps input name of an option.</summary>
    public static string ToCamelCase(string name)
    {
        var parts = name.Split('-');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
