using System.Text;
using AwsTempCredentials.Credentials;
using AwsTempCredentials.Options;
using AwsTempCredentials.Output;

namespace AwsTempCredentials.GitHub;

/// <summary>The Markdown table for <c>GITHUB_STEP_SUMMARY</c>: method, role, account (unless masked), expiration. Never a secret.</summary>
internal static class StepSummary
{
    public static string Render(CredentialResult result, CredentialRequest request)
    {
        var role = request.Chaining.Roles.Count > 0 ? request.Chaining.Roles[^1] : request.RoleToAssume;
        var masked = result.MaskAccountId;
        var account = masked ? "*** (masked)" : result.Identity.Account;
        var roleText = role is null ? "(none: credentials as given)" : Code(masked ? role with { Account = "***" } : role);
        var expiration = result.Credentials.Expiration is { } expires ? CredentialFormatter.Iso8601(expires) : "(does not expire)";
        var text = new StringBuilder()
            .Append("### AWS credentials\n\n")
            .Append("| | |\n| --- | --- |\n")
            .Append("| Method | ").Append(Cell(result.MethodDescription)).Append(" |\n")
            .Append("| Role | ").Append(roleText).Append(" |\n")
            .Append("| Account | ").Append(Cell(account)).Append(" |\n")
            .Append("| Region | ").Append(Cell(result.Region ?? "(not set)")).Append(" |\n")
            .Append("| Expires | ").Append(Cell(expiration)).Append(" |\n\n");
        return text.ToString();
    }

    private static string Code(Arn arn) => $"`{Cell(arn.ToString())}`";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
