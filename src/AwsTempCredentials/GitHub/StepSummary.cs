using AwsTempCredentials.Credentials;
using AwsTempCredentials.Options;
using AwsTempCredentials.Output;

namespace AwsTempCredentials.GitHub;

/// <summary>
/// The Markdown table for <c>GITHUB_STEP_SUMMARY</c>: method, role, account (unless masked), expiration, and for OIDC the
/// token's issuer, subject and claims with the IAM OIDC provider it needs. Never a secret.
/// </summary>
internal static class StepSummary
{
    public static string Render(CredentialResult result, CredentialRequest request)
    {
        var role = request.Chaining.Roles.Count > 0 ? request.Chaining.Roles[^1] : request.RoleToAssume;
        var masked = result.MaskAccountId;
        return new MarkdownTable("AWS credentials")
            .Row("Method", result.MethodDescription)
            .Row("Role", role is null ? "(none: credentials as given)" : $"`{(masked ? role with { Account = "***" } : role)}`")
            .Row("Account", masked ? "*** (masked)" : result.Identity.Account)
            .Row("Region", result.Region ?? "(not set)")
            .Row("Expires", result.Credentials.Expiration is { } expires ? CredentialFormatter.Iso8601(expires) : "(does not expire)")
            .WebIdentityToken(result)
            .ToString();
    }
}
