using AwsTempCredentials.Credentials;

namespace AwsTempCredentials.Output;

/// <summary>The part of a run summary every host shows after an OIDC web identity run.</summary>
public static class WebIdentitySummary
{
    /// <summary>Which issuer the token had, its subject and claims, and the IAM OIDC provider it needs; nothing for other methods.</summary>
    public static MarkdownTable WebIdentityToken(this MarkdownTable table, CredentialResult result)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(result);
        return result.WebIdentityToken is { } token ? table.Rows(token.SummaryRows(result.MaskAccountId)).Note(token.IssuerNote) : table;
    }
}
