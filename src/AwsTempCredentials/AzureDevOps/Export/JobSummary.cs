using System.Text;
using AwsTempCredentials.Credentials;
using AwsTempCredentials.Output;

namespace AwsTempCredentials.AzureDevOps.Export;

/// <summary>The markdown summary uploaded to the run's page: method, role, account, expiry, profile. No secrets.</summary>
internal static class JobSummary
{
    public static string Render(CredentialResult result, string profile, bool refresh)
    {
        static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        var builder = new StringBuilder()
            .Append("### AWS credentials (profile `").Append(Cell(profile)).Append("`)\n\n")
            .Append("| | |\n|---|---|\n")
            .Append("| Method | ").Append(result.MethodDescription).Append(" |\n")
            .Append("| Identity | ").Append(result.MaskAccountId ? "(masked)" : Cell(result.Identity.Arn)).Append(" |\n")
            .Append("| Account | ").Append(result.MaskAccountId ? "(masked)" : result.Identity.Account).Append(" |\n");
        if (result.Region is { } region)
        {
            builder.Append("| Region | ").Append(region).Append(" |\n");
        }

        if (result.Credentials.Expiration is { } expiration)
        {
            builder.Append("| Expires | ").Append(CredentialFormatter.Iso8601(expiration)).Append(refresh ? " (refreshed by credential_process)" : string.Empty).Append(" |\n");
        }

        return builder.ToString();
    }
}
