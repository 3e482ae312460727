using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AwsTempCredentials.Errors;
using AwsTempCredentials.KeyMaterial;

namespace AwsTempCredentials.Explain;

/// <summary>
/// Reads the certificate and chain of a Roles Anywhere run without its private key (explaining needs no key):
/// PEM (certificate, optionally followed by its chain), DER, or PKCS#12 (public certificates only are kept).
/// </summary>
public static class ExplainCertificates
{
    /// <summary>The leaf and the CA certificates given with it (from the certificate file and certificate-chain), leaf first.</summary>
    public static (X509Certificate2 Leaf, List<X509Certificate2> Chain) Load(KeyMaterialInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Store is { } store)
        {
            return KeyMaterial.Store.CertificateStoreKeys.FindPublic(store, input.CertificateChain, now);
        }

        if (input.Pkcs11 is not null)
        {
            // The certificate and intermediates as the run would take them from the token; nothing is signed.
            using var identity = SigningIdentityLoader.Load(input, now);
            return (X509CertificateLoader.LoadCertificate(identity.Leaf.RawData), identity.Chain.Select(c => X509CertificateLoader.LoadCertificate(c.RawData)).ToList());
        }

        if (input.Certificate is not { } certificateBytes || certificateBytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            throw new KeyMaterialException("No certificate was given.", "Set the certificate option: explain reads the certificate to say which CA the trust anchor must hold.");
        }

        var certificates = Read(certificateBytes, input.Passphrase, "certificate");
        if (input.CertificateChain is { } chainBytes && !chainBytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            certificates.AddRange(Read(chainBytes, null, "certificate-chain"));
        }

        var leaf = certificates[0];
        var chain = certificates.Skip(1).Where(c => !c.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span)).DistinctBy(c => c.Thumbprint).ToList();
        return (leaf, chain);
    }

    private static List<X509Certificate2> Read(byte[] data, string? passphrase, string option)
    {
        try
        {
            if (PemBlocks.LooksLikePem(data))
            {
                var certificates = PemBlocks.Read(Encoding.UTF8.GetString(data))
                    .Where(b => b.Label is "CERTIFICATE" or "TRUSTED CERTIFICATE")
                    .Select(b => X509CertificateLoader.LoadCertificate(b.Data))
                    .ToList();
                return certificates.Count > 0
                    ? certificates
                    : throw new KeyMaterialException($"The {option} holds no PEM certificate.", $"Give {option} as PEM ('-----BEGIN CERTIFICATE-----'), DER or PKCS#12.");
            }

            var binary = PemBlocks.TryDecodeBase64(data) ?? data;
            if (X509Certificate2.GetCertContentType(binary) == X509ContentType.Pkcs12)
            {
                var collection = X509CertificateLoader.LoadPkcs12Collection(binary, passphrase, X509KeyStorageFlags.EphemeralKeySet);
                try
                {
                    // Keep public copies only; the keys go with the collection.
                    var ordered = collection.OrderByDescending(c => c.HasPrivateKey).Select(c => X509CertificateLoader.LoadCertificate(c.RawData)).ToList();
                    return ordered.Count > 0 ? ordered : throw new KeyMaterialException($"The PKCS#12 {option} holds no certificate.");
                }
                finally
                {
                    foreach (var certificate in collection)
                    {
                        certificate.Dispose();
                    }
                }
            }

            return [X509CertificateLoader.LoadCertificate(binary)];
        }
        catch (CryptographicException e)
        {
            throw new KeyMaterialException(
                $"The {option} is not a PEM, DER or PKCS#12 certificate (or the PKCS#12 passphrase is wrong).",
                $"Give {option} as PEM text, DER bytes, or PKCS#12 with private-key-passphrase.", e);
        }
        catch (FormatException e)
        {
            throw new KeyMaterialException($"The {option} holds a PEM block that is not valid base64.", $"Check the {option} file is not truncated.", e);
        }
    }
}
