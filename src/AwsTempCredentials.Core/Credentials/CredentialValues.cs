using System.Text.RegularExpressions;
using AwsTempCredentials.Errors;

namespace AwsTempCredentials.Credentials;

/// <summary>
/// Checks every value that came from a service before it is written anywhere (stdout, env files, profiles, CI
/// variables): a newline or a quote in a credential would inject lines into <c>dotenv</c> output, a profile file or a
/// workflow command. A bad value is the service's fault (exit 5); the message names the field, never the value.
/// </summary>
public static partial class CredentialValues
{
    // Access key ids are upper-case letters and digits; secrets and tokens are base64 (plus a few URL-safe marks).
    // Nothing else: no whitespace, quotes, backslash, '#', ';', '%' or '$' that would break a format we write.
    [GeneratedRegex(@"^[A-Z0-9]{16,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccessKeyIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9+/=_.~:\-]{1,16384}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();

    [GeneratedRegex(@"^\d{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();

    [GeneratedRegex(@"^arn:[a-z\-]{2,32}:[!-~]{1,2000}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ArnPattern();

    /// <summary>Throws <see cref="ServiceUnavailableException"/> naming the first unusable field of <paramref name="credentials"/>.</summary>
    public static SessionCredentials EnsureUsable(SessionCredentials credentials, string source)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (!AccessKeyIdPattern().IsMatch(credentials.AccessKeyId ?? string.Empty))
        {
            throw Unusable(source, "access key id", "16 to 128 upper-case letters and digits");
        }

        if (!SecretPattern().IsMatch(credentials.SecretAccessKey ?? string.Empty))
        {
            throw Unusable(source, "secret access key", "base64 text, at most 16384 characters");
        }

        if (credentials.SessionToken is { } token && !SecretPattern().IsMatch(token))
        {
            throw Unusable(source, "session token", "base64 text, at most 16384 characters");
        }

        if (credentials.Expiration is { } expiration && (expiration.Year < 2000 || expiration.Year > 9000))
        {
            throw Unusable(source, "expiration", "a date between the years 2000 and 9000");
        }

        return credentials;
    }

    /// <summary>Throws <see cref="ServiceUnavailableException"/> when the account or ARN GetCallerIdentity gave is malformed.</summary>
    public static CallerIdentity EnsureUsable(CallerIdentity identity, string source)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!AccountPattern().IsMatch(identity.Account ?? string.Empty))
        {
            throw Unusable(source, "account id", "12 digits");
        }

        if (!ArnPattern().IsMatch(identity.Arn ?? string.Empty))
        {
            throw Unusable(source, "identity ARN", "an ARN of printable characters without spaces");
        }

        return identity;
    }

    private static ServiceUnavailableException Unusable(string source, string field, string expected) => new(
        $"{source} returned an unusable {field} (expected {expected}); refusing to write it anywhere. Nothing was exported.",
        "An endpoint that is not AWS answered, or something between (a proxy, a TLS-inspecting gateway) changed the answer: check AWS_ENDPOINT_URL_* and proxy settings.");
}
