using System.Text.RegularExpressions;
using static AwsTempCredentials.Options.OptionNames;

namespace AwsTempCredentials.Options.Rules;

/// <summary>Access keys given as options: whole sets only, ids that look like ids.</summary>
internal sealed record AccessKeyOptions(string? AccessKeyId, string? SecretAccessKey, string? SessionToken);

internal static partial class AccessKeyRules
{
    [GeneratedRegex(@"^[A-Z0-9]{16,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccessKeyIdPattern();

    public static AccessKeyOptions Read(OptionReader r)
    {
        var keys = new AccessKeyOptions(r.Text(AwsAccessKeyId), r.Text(AwsSecretAccessKey), r.Text(AwsSessionToken));
        if (keys.AccessKeyId is not null && !AccessKeyIdPattern().IsMatch(keys.AccessKeyId))
        {
            r.Error(AwsAccessKeyId, "does not look like an access key id (16 to 128 upper-case letters and digits, e.g. AKIA…).");
        }

        if (keys.AccessKeyId is not null && keys.SecretAccessKey is null)
        {
            r.Error(AwsSecretAccessKey, "is required with aws-access-key-id (a key id without its secret is half a credential).");
        }

        if (keys.AccessKeyId is null && keys.SecretAccessKey is not null)
        {
            r.Error(AwsAccessKeyId, "is required with aws-secret-access-key.");
        }

        if (keys.SessionToken is not null && keys.AccessKeyId is null)
        {
            r.Error(AwsSessionToken, "needs aws-access-key-id and aws-secret-access-key.");
        }

        return keys;
    }
}
