using System.Text;
using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Hosting;

/// <summary>
/// The one place that decides which input values a host must mask before anything is printed: secret options, key
/// material given as text, and — with <c>mask-aws-account-id</c> — the accounts the ARN inputs name.
/// </summary>
public static class InputSecrets
{
    private static readonly string[] SecretOptions =
        [OptionNames.AwsAccessKeyId, OptionNames.AwsSecretAccessKey, OptionNames.AwsSessionToken, OptionNames.Pkcs11Pin];

    private static readonly string[] ArnOptions =
        [OptionNames.RoleToAssume, OptionNames.RoleChaining, OptionNames.TrustAnchorArn, OptionNames.ProfileArn, OptionNames.ManagedSessionPolicies];

    /// <summary>Registers every secret of <paramref name="inputs"/> with <paramref name="reporter"/>.</summary>
    public static void Register(HostInputs inputs, Reporting.IReporter reporter)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(reporter);
        foreach (var secret in Of(inputs.Options, inputs.KeyMaterial))
        {
            reporter.RegisterSecret(secret);
        }
    }

    public static IEnumerable<string> Of(IReadOnlyDictionary<string, string> options, KeyMaterialInput keyMaterial)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keyMaterial);
        foreach (var name in SecretOptions)
        {
            if (options.TryGetValue(name, out var value))
            {
                yield return value;
            }
        }

        if (keyMaterial.Passphrase is { } passphrase)
        {
            yield return passphrase;
        }

        foreach (var text in KeyTexts(keyMaterial))
        {
            yield return text;
        }

        if (options.TryGetValue(OptionNames.MaskAwsAccountId, out var mask) && BooleanOption.TryParse(mask) == true)
        {
            foreach (var account in AccountsOfArnOptions(options))
            {
                yield return account;
            }
        }
    }

    /// <summary>
    /// A private key given as text, and a certificate given as base64 text that is not PEM (PKCS#12: it holds the key);
    /// whole and line by line, as the platforms mask within one log line at a time.
    /// </summary>
    private static IEnumerable<string> KeyTexts(KeyMaterialInput keyMaterial)
    {
        var texts = new List<string>();
        if (AsText(keyMaterial.PrivateKey) is { } key)
        {
            texts.Add(key);
        }

        if (AsText(keyMaterial.Certificate) is { } certificate && !certificate.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            texts.Add(certificate);
        }

        // Lines first: the command that masks the whole text shows each line, which must be masked by then.
        foreach (var text in texts)
        {
            foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!line.StartsWith("-----", StringComparison.Ordinal) && !line.Contains(':', StringComparison.Ordinal) && line.Length >= 16 && line != text)
                {
                    yield return line;
                }
            }

            yield return text;
        }
    }

    /// <summary>The bytes as text when they are printable ASCII (PEM or base64); null for binary (DER, PKCS#12) or none.</summary>
    private static string? AsText(byte[]? bytes) =>
        bytes is { Length: > 0 } && bytes.All(b => b is (>= 0x20 and < 0x7f) or (byte)'\n' or (byte)'\r' or (byte)'\t')
            ? Encoding.ASCII.GetString(bytes).Trim()
            : null;

    private static IEnumerable<string> AccountsOfArnOptions(IReadOnlyDictionary<string, string> options) =>
        ArnOptions
            .Select(name => options.GetValueOrDefault(name))
            .OfType<string>()
            .SelectMany(v => v.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(text => Arn.TryParse(text, out var arn) ? arn.Account : null)
            .OfType<string>()
            .Where(account => account.Length == 12 && account.All(char.IsAsciiDigit));
}
