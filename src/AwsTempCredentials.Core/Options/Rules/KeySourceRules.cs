using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.KeyMaterial.Store;
using static AwsTempCredentials.Options.OptionNames;

namespace AwsTempCredentials.Options.Rules;

/// <summary>
/// Where the Roles Anywhere key is: files/secrets (certificate, private-key, …) or the OS certificate store
/// (cert-store, cert-selector). A run uses one source; certificate-chain may add intermediates to either.
/// </summary>
internal static class KeySourceRules
{
    public static KeyMaterialInput Read(OptionReader r, KeyMaterialInput keys)
    {
        var errors = new List<OptionError>();
        var store = CertificateStoreReference.FromOptions(r.Text(CertStore), r.Text(CertSelector), errors);
        errors.ForEach(e => r.Error(e.Option, e.Message));
        if (store is null && !r.Has(CertStore) && !r.Has(CertSelector))
        {
            return keys;
        }

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
}
