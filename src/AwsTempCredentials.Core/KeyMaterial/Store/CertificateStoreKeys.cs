using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.KeyMaterial.Store;

/// <summary>
/// Finds the one certificate a <see cref="CertificateSelector"/> names in the OS store and signs with its key where the
/// key lives (CNG on Windows, the keychain on macOS): the key object comes from the store and is never exported. Only
/// certificates with a private key, valid now and usable for signatures count; none or several is an error listing what
/// the store holds (public facts only), as the Roles Anywhere credential helper refuses several matches too.
/// </summary>
public static class CertificateStoreKeys
{
    private const int MostListed = 20;

    /// <summary>The chosen certificate, its intermediates (built from the OS stores and <paramref name="extraChain"/>) and its key, ready to sign.</summary>
    public static SigningIdentity Load(CertificateStoreReference reference, byte[]? extraChain, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var leaf = Select(reference, now);
        AsymmetricAlgorithm? key = null;
        try
        {
            key = PrivateKeyOf(leaf, reference);
            var chain = Intermediates(leaf, extraChain, now);
            return new SigningIdentity(leaf, chain, key);
        }
        catch
        {
            key?.Dispose();
            leaf.Dispose();
            throw;
        }
    }

    /// <summary>For <c>explain</c>: the chosen certificate (public part only; the key is not touched) and its intermediates.</summary>
    public static (X509Certificate2 Leaf, List<X509Certificate2> Chain) FindPublic(CertificateStoreReference reference, byte[]? extraChain, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reference);
        using var selected = Select(reference, now);
        var leaf = X509CertificateLoader.LoadCertificate(selected.RawData);
        return (leaf, Intermediates(leaf, extraChain, now));
    }

    /// <summary>One line naming a certificate by its public facts: subject, issuer, serial, thumbprint, validity.</summary>
    public static string Describe(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return $"subject '{DistinguishedName.Of(certificate.SubjectName)}', issuer '{DistinguishedName.Of(certificate.IssuerName)}', "
            + $"serial {Convert.ToHexString(certificate.SerialNumberBytes.Span)}, thumbprint {CertificateSelector.ThumbprintOf(certificate)}, "
            + $"valid {Format(certificate.NotBefore)} to {Format(certificate.NotAfter)}";
    }

    private static X509Certificate2 Select(CertificateStoreReference reference, DateTimeOffset now)
    {
        var all = Open(reference);
        var matching = all.Where(reference.Selector.Matches).ToList();
        X509Certificate2? chosen = null;
        try
        {
            if (matching.Count == 0)
            {
                throw new InvalidOptionsException([new OptionError(OptionNames.CertSelector,
                    $"'{reference.Selector}' matches none of the {all.Count} certificate(s) in {reference.StoreText}.{Listing(all, now)}"
                    + "\n    Give x509Subject/x509Issuer as the whole name, most specific part first (CN=…,O=…,C=…), exactly as listed; or the thumbprint.")]);
            }

            var usable = matching.Where(c => Unusable(c, now) is null).ToList();
            if (usable.Count == 1)
            {
                chosen = usable[0];
                return chosen;
            }

            if (usable.Count > 1)
            {
                throw new InvalidOptionsException([new OptionError(OptionNames.CertSelector,
                    $"'{reference.Selector}' matches {usable.Count} usable certificates in {reference.StoreText}; it must name one.{Listing(usable, now)}"
                    + "\n    Add Key=x509Serial,Value=… or give Key=thumbprint,Value=… to pick one, or remove the certificates no longer needed from the store.")]);
            }

            if (matching.Count == 1)
            {
                var only = matching[0];
                throw new KeyMaterialException(
                    $"The certificate '{DistinguishedName.Of(only.SubjectName)}' in {reference.StoreText} that cert-selector names {Unusable(only, now)}.",
                    HintFor(only, now));
            }

            throw new KeyMaterialException(
                $"cert-selector matches {matching.Count} certificates in {reference.StoreText}, but none can sign a Roles Anywhere request:{Listing(matching, now)}",
                "Install a valid certificate with its private key (digitalSignature key usage, not a CA) in the store.");
        }
        finally
        {
            foreach (var certificate in all.Where(c => !ReferenceEquals(c, chosen)))
            {
                certificate.Dispose();
            }
        }
    }

    private static List<X509Certificate2> Open(CertificateStoreReference reference)
    {
        try
        {
            using var store = new X509Store(StoreName.My, reference.Location);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            return store.Certificates.Cast<X509Certificate2>().ToList();
        }
        catch (CryptographicException) when (!OperatingSystem.IsWindows() && !OperatingSystem.IsMacOS() && reference.Location == StoreLocation.CurrentUser)
        {
            // On Linux a store nobody added to yet does not exist: it is empty.
            return [];
        }
        catch (CryptographicException e)
        {
            throw new PlatformException(
                $"The certificate store {reference.StoreText} cannot be opened: {e.Message}",
                reference.Location == StoreLocation.LocalMachine
                    ? "Run as an account that may read the machine's store, or use CurrentUser\\My."
                    : "Check that the user profile (or the login keychain) of the account running this tool is loaded.", e);
        }
    }

    /// <summary>Why a matching certificate cannot sign Roles Anywhere requests; null when it can.</summary>
    private static string? Unusable(X509Certificate2 certificate, DateTimeOffset now)
    {
        if (!certificate.HasPrivateKey)
        {
            return "has no private key in the store";
        }

        if (now < certificate.NotBefore.ToUniversalTime())
        {
            return $"is not valid yet (valid from {Format(certificate.NotBefore)})";
        }

        if (now > certificate.NotAfter.ToUniversalTime())
        {
            return $"expired on {Format(certificate.NotAfter)}";
        }

        if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault()?.CertificateAuthority == true)
        {
            return "is a CA certificate, not an end-entity one";
        }

        if (certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage
            && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature))
        {
            return "has a key usage without digitalSignature, so it may not sign";
        }

        var algorithm = certificate.PublicKey.Oid.Value;
        if (algorithm is not ("1.2.840.113549.1.1.1" or "1.2.840.10045.2.1"))
        {
            return $"has a {certificate.PublicKey.Oid.FriendlyName ?? algorithm} key; Roles Anywhere signs with RSA or EC";
        }

        return null;
    }

    private static string HintFor(X509Certificate2 certificate, DateTimeOffset now) =>
        !certificate.HasPrivateKey
            ? "Import the certificate together with its private key (a .pfx/.p12), not the certificate alone."
            : now < certificate.NotBefore.ToUniversalTime()
                ? "Check the machine's clock, or wait until the certificate's start date."
                : now > certificate.NotAfter.ToUniversalTime()
                    ? "Install the renewed certificate (with its key) in the store, and remove the expired one."
                    : "Use a certificate issued for client authentication: an end-entity certificate whose key usage includes digitalSignature.";

    private static AsymmetricAlgorithm PrivateKeyOf(X509Certificate2 certificate, CertificateStoreReference reference)
    {
        try
        {
            return (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey()
                ?? throw new KeyMaterialException(
                    $"The private key of '{DistinguishedName.Of(certificate.SubjectName)}' in {reference.StoreText} is neither RSA nor EC.",
                    "Roles Anywhere signs with RSA or EC (P-256, P-384, P-521) keys.");
        }
        catch (CryptographicException e)
        {
            throw new KeyMaterialException(
                $"The private key of '{DistinguishedName.Of(certificate.SubjectName)}' in {reference.StoreText} cannot be used: {e.Message}",
                reference.Location == StoreLocation.LocalMachine
                    ? "Grant the account running this tool read access to the key (certlm.msc → the certificate → All Tasks → Manage Private Keys)."
                    : "Check the key is still in the store and the account may use it (on macOS: the keychain is unlocked and allows this program).", e);
        }
    }

    /// <summary>The intermediates between the leaf and its root, from the OS stores plus the certificates given in certificate-chain.</summary>
    private static List<X509Certificate2> Intermediates(X509Certificate2 leaf, byte[]? extraChain, DateTimeOffset now)
    {
        var given = extraChain is { Length: > 0 } ? SigningIdentityLoader.LoadChain(extraChain) : [];
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllFlags;
        chain.ChainPolicy.ExtraStore.AddRange(given.ToArray());
        chain.Build(leaf);
        var path = chain.ChainElements.Skip(1).Select(e => X509CertificateLoader.LoadCertificate(e.Certificate.RawData))
            .Where(c => !c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData));
        return SigningIdentityLoader.CheckChain(leaf, path.Concat(given.Where(c => !c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData))).ToList());
    }

    private static string Listing(List<X509Certificate2> certificates, DateTimeOffset now)
    {
        if (certificates.Count == 0)
        {
            return " The store is empty.";
        }

        var text = new StringBuilder(" It holds:");
        foreach (var certificate in certificates.Take(MostListed))
        {
            text.Append("\n    - ").Append(Describe(certificate));
            if (Unusable(certificate, now) is { } why)
            {
                text.Append(" (").Append(why).Append(')');
            }
        }

        if (certificates.Count > MostListed)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    … and {certificates.Count - MostListed} more.");
        }

        return text.ToString();
    }

    private static string Format(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
