using AwsTempCredentials.Explain;
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
    // Every host exports a CredentialResult, and only the broker builds one: checking here covers every hand-off.
    // A with-expression sets these again: the init accessors check that value too.
    public SessionCredentials Credentials { get; init => field = CredentialValues.EnsureUsable(value, "The service"); } =
        CredentialValues.EnsureUsable(Credentials, $"AWS ({Describe(Method)})");

    public CallerIdentity Identity { get; init => field = CredentialValues.EnsureUsable(value, "STS GetCallerIdentity"); } =
        CredentialValues.EnsureUsable(Identity, "STS GetCallerIdentity");

    /// <summary>After a web identity run: what the OIDC token said about its issuer (its claims, never the token).</summary>
    public OidcTokenFacts? WebIdentityToken { get; init; }

    /// <summary>Human-readable method, for logs and summaries.</summary>
    public string MethodDescription => Describe(Method);

    private static string Describe(AuthMethod method) => method switch
    {
        AuthMethod.RolesAnywhere => "IAM Roles Anywhere",
        AuthMethod.WebIdentity => "OIDC web identity",
        AuthMethod.AccessKeys => "access keys",
        _ => "existing credentials",
    };
}
