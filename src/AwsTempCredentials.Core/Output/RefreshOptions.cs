using System.Text;
using System.Text.Json;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Output;

/// <summary>
/// The options a refreshing profile's <c>credential_process</c> runs the executable with, whatever the CI host: the
/// request's secrets moved into files the host stages (0600, removed when the job ends) and referenced by path, and
/// every value on one line.
/// </summary>
public static class RefreshOptions
{
    /// <summary>
    /// Puts the access keys, or the Roles Anywhere key material, into files made by <paramref name="stageSecret"/>
    /// (name, content → path) and points the options at them. OIDC needs none: each refresh fetches a new token.
    /// </summary>
    public static void MoveSecretsToFiles(IDictionary<string, string> options, CredentialRequest request, Func<string, string, string> stageSecret)
    {
        switch (request.Method)
        {
            case AuthMethod.AccessKeys:
                options[OptionNames.AwsSecretAccessKey] = "file:" + stageSecret("secret-access-key", request.SecretAccessKey!);
                if (request.SessionToken is { } token)
                {
                    options[OptionNames.AwsSessionToken] = "file:" + stageSecret("session-token", token);
                }

                break;
            case AuthMethod.RolesAnywhere when request.KeyMaterial.Store is not null:
                // cert-store and cert-selector are plain options: each refresh signs through the store again.
                if (request.KeyMaterial.CertificateChain is { } storeChain)
                {
                    options[OptionNames.CertificateChain] = stageSecret("certificate-chain", FileText(storeChain));
                }

                break;
            case AuthMethod.RolesAnywhere:
                var keys = request.KeyMaterial;
                options[OptionNames.Certificate] = stageSecret("certificate", FileText(keys.Certificate!));
                if (keys.PrivateKey is { } key)
                {
                    options[OptionNames.PrivateKey] = stageSecret("private-key", FileText(key));
                }

                if (keys.CertificateChain is { } chain)
                {
                    options[OptionNames.CertificateChain] = stageSecret("certificate-chain", FileText(chain));
                }

                if (keys.Passphrase is { } passphrase)
                {
                    options[OptionNames.PrivateKeyPassphrase] = "file:" + stageSecret("private-key-passphrase", passphrase);
                }

                break;
        }
    }

    /// <summary>
    /// credential_process is one line of an INI file: a list given one item per line (the YAML <c>roleChaining: |</c>
    /// style) is joined with commas, which the CLI reads as the same list, and a JSON policy is written compact.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> OnOneLine(IEnumerable<KeyValuePair<string, string>> options) =>
        options.Select(o => new KeyValuePair<string, string>(o.Key, OneLine(o.Key, o.Value)));

    private static string OneLine(string name, string value)
    {
        if (value.IndexOfAny(['\r', '\n']) < 0)
        {
            return value;
        }

        return name switch
        {
            OptionNames.InlineSessionPolicy => CompactJson(value),
            OptionNames.RoleChaining or OptionNames.ManagedSessionPolicies or OptionNames.TransitiveTagKeys =>
                string.Join(',', value.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            _ => throw new Errors.InvalidOptionsException([new OptionError(name, "holds a line break, which the refreshing profile's credential_process line cannot carry; give it on one line.")]),
        };
    }

    private static string CompactJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>PEM stays text; binary (DER, PKCS#12) is stored as base64, which the key loader reads back.</summary>
    private static string FileText(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        return text.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal) ? text : Convert.ToBase64String(bytes);
    }
}
