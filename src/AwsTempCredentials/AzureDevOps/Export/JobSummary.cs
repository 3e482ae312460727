using AwsTempCredentials.Credentials;
using AwsTempCredentials.Output;

namespace AwsTempCredentials.AzureDevOps.Export;

/// <summary>
/// The markdown summary uploaded to the run's page: method, role, account, expiry, profile, and for OIDC which issuer the
/// organization's token has and the IAM OIDC provider it needs. No secrets.
/// </summary>
internal static class JobSummary
{
    public static string Render(CredentialResult result, string profile, bool refresh)
    {
        var table = new MarkdownTable($"AWS credentials (profile `{MarkdownTable.Cell(profile)}`)")
            .Row("Method", result.MethodDescription)
            .Row("Identity", result.MaskAccountId ? "(masked)" : result.Identity.Arn)
            .Row("Account", result.MaskAccountId ? "(masked)" : result.Identity.Account);
        if (result.Region is { } region)
        {
            table.Row("Region", region);
        }

        if (result.Credentials.Expiration is { } expiration)
        {
            table.Row("Expires", CredentialFormatter.Iso8601(expiration) + (refresh ? " (refreshed by credential_process)" : string.Empty));
        }

        return table.WebIdentityToken(result).ToString();
    }
}
