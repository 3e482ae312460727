using AwsTempCredentials.KeyMaterial;
using TokenKeyReference = AwsTempCredentials.KeyMaterial.Pkcs11.Pkcs11KeyReference;
using TokenUri = AwsTempCredentials.KeyMaterial.Pkcs11.Pkcs11Uri;
using static AwsTempCredentials.Options.OptionNames;

namespace AwsTempCredentials.Options.Rules;

/// <summary>
/// Where the Roles Anywhere key is: files and secrets (certificate, private-key, …) or a PKCS#11 token
/// (pkcs11-uri, pkcs11-module, pkcs11-pin). One run uses one source; a token's certificate may still come from
/// certificate, and its intermediates from certificate-chain.
/// </summary>
internal static class KeySourceRules
{
    public static KeyMaterialInput Read(OptionReader r, KeyMaterialInput keys)
    {
        var uriText = r.Text(Pkcs11Uri);
        var module = r.Text(Pkcs11Module);
        var pin = r.Text(Pkcs11Pin);
        if (uriText is null)
        {
            if (module is not null || pin is not null)
            {
                r.Error(Pkcs11Uri, $"is required with {(module is not null ? Pkcs11Module : Pkcs11Pin)}: it names the token and the key, e.g. pkcs11:token=ci;object=build-agent.");
            }

            return keys;
        }

        if (keys.PrivateKey is not null)
        {
            r.Error(Pkcs11Uri, "and private-key are both given: the key is either in the token or in a file. Give one key source.");
        }

        if (keys.Passphrase is not null)
        {
            r.Error(Pkcs11Uri, "and private-key-passphrase are both given: a token's key is unlocked with pkcs11-pin. Give one key source.");
        }

        if (TokenUri.TryParse(uriText, out var uri) is { } problem)
        {
            r.Error(Pkcs11Uri, problem);
            return keys;
        }

        return keys with { Pkcs11 = new TokenKeyReference(uri!, uriText, module, pin) };
    }
}
