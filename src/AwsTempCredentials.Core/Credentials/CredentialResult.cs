using AwsTempCredentials.Options;

namespace AwsTempCredentials.Credentials;

/// <summary>The outcome hosts export: credentials, who they are, and how they were obtained.</summary>
public sealed record CredentialResult(
    SessionCredentials Credentials,
    CallerIdentity Identity,
    AuthMethod Method,
    string? Region,
    bool MaskAccountId)
{
    /// <summary>Human-readable method, for logs and summaries.</summary>
    public string MethodDescription => Method switch
    {
        AuthMethod.RolesAnywhere => "IAM Roles Anywhere",
        AuthMethod.WebIdentity => "OIDC web identity",
        AuthMethod.AccessKeys => "access keys",
        _ => "existing credentials",
    };
}
