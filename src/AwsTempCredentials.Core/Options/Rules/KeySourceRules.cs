using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.KeyMaterial.Store;
using TokenKeyReference = AwsTempCredentials.KeyMaterial.Pkcs11.Pkcs11KeyReference;
using TokenUri = AwsTempCredentials.KeyMaterial.Pkcs11.Pkcs11Uri;
using static AwsTempCredentials.Options.OptionNames;

namespace AwsTempCredentials.Options.Rules;

/// <summary>
/// Where the Roles Anywhere key is: files and secrets (certificate, private-key, …), a PKCS#11 token (pkcs11-uri,
/// pkcs11-module, pkcs11-pin) or the OS certificate store (cert-store, cert-selector). One run uses one source;
/// certificate-chain may add intermediates to any, and a token's certificate may still come from certificate.
/// </summary>
internal static class KeySourceRules
{
    public static KeyMaterialInput Read(OptionReader r, KeyMaterialInput keys)
    {
        var tokenGiven = r.Has(Pkcs11Uri);
        var storeGiven = r.Has(CertStore) || r.Has(CertSelector);
        if (tokenGiven && storeGiven)
        {
            r.Error(Pkcs11Uri, $"and {(r.Has(CertSelector) ? CertSelector : CertStore)} are both given: the key is either in a PKCS#11 token or in the OS certificate store. Give one key source.");
            return keys;
        }

        return storeGiven ? ReadStore(r, keys) : ReadToken(r, keys);
    }

    private static KeyMaterialInput ReadStore(OptionReader r, KeyMaterialInput keys)
    {
        var errors = new List<OptionError>();
        var store = CertificateStoreReference.FromOptions(r.Text(CertStore), r.Text(CertSelector), errors);
        errors.ForEach(e => r.Error(e.Option, e.Message));
        foreach (var (given, name) in new[] { (keys.Certificate, Certificate), (keys.PrivateKey, PrivateKey) })
        {
            if (given is not null)
            {
                r.Error(name, $"and {(r.Has(CertSelector) ? CertSelector : CertStore)} are both given: a run takes the certificate and key from files or from the OS certificate store, not both. Give one.");
            }
        }

        if (keys.Passphrase is not null)
        {
            r.Error(PrivateKeyPassphrase, $"has no use with {CertSelector}: the OS store guards its keys itself. Leave it out.");
        }

        return keys with { Store = store };
    }

    private static KeyMaterialInput ReadToken(OptionReader r, KeyMaterialInput keys)
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
