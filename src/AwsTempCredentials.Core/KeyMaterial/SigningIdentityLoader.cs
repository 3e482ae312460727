using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AwsTempCredentials.Errors;

namespace AwsTempCredentials.KeyMaterial;

/// <summary>
/// Loads a Roles Anywhere signing identity from bytes: certificate as PEM, DER or PKCS#12 (raw or base64);
/// key as PKCS#8, PKCS#1, SEC1 or encrypted PKCS#8 (PEM or DER); chain as a PEM bundle. Everything stays in memory.
/// </summary>
public static class SigningIdentityLoader
{
    private const int MaxIntermediates = 5;
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    public static SigningIdentity Load(KeyMaterialInput input, DateTimeOffset now)
    {
        if (input.Store is { } store)
        {
            return Store.CertificateStoreKeys.Load(store, input.CertificateChain, now);
        }

        if (input.Pkcs11 is { } token)
        {
            return Pkcs11.Pkcs11IdentityLoader.Load(input, token, now);
        }

        if (input.Certificate is not { } certificateBytes)
        {
            throw new KeyMaterialException("No certificate was given.", "Set the certificate option.");
        }

        var certificate = Unwrap(certificateBytes);
        X509Certificate2 leaf;
        List<X509Certificate2> chain;
        AsymmetricAlgorithm key;
        if (certificate.Pkcs12 is { } pkcs12)
        {
            (leaf, chain, key) = LoadPkcs12(pkcs12, input.Passphrase);
            if (input.PrivateKey is not null)
            {
                key.Dispose();
                key = LoadPrivateKey(input.PrivateKey, input.Passphrase, leaf);
            }
        }
        else
        {
            (leaf, chain) = certificate.Certificates!.Value;
            if (input.PrivateKey is not { } keyBytes)
            {
                throw new KeyMaterialException(
                    "A certificate was given without its private key.",
                    "Set private-key (PEM or DER; PKCS#8, PKCS#1, SEC1 or encrypted PKCS#8), or give a PKCS#12 file holding both.");
            }

            key = LoadPrivateKey(keyBytes, input.Passphrase, leaf);
        }

        if (input.CertificateChain is { } chainBytes && !IsBlank(chainBytes))
        {
            chain.AddRange(LoadChain(chainBytes));
        }

        chain = CheckChain(leaf, chain);
        EnsureMatches(leaf, key);
        EnsureValid(leaf, now);
        return new SigningIdentity(leaf, chain, key);
    }

    /// <summary>Intermediates without the leaf and duplicates, at most <see cref="MaxIntermediates"/>.</summary>
    internal static List<X509Certificate2> CheckChain(X509Certificate2 leaf, List<X509Certificate2> chain)
    {
        chain = chain.Where(c => !c.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span))
            .DistinctBy(c => c.Thumbprint).ToList();
        if (chain.Count > MaxIntermediates)
        {
            throw new KeyMaterialException(
                $"The certificate chain holds {chain.Count} intermediate certificates; Roles Anywhere accepts at most {MaxIntermediates}.",
                "Leave out the root CA (the trust anchor holds it) and any certificate not between it and your certificate.");
        }

        return chain;
    }

    /// <summary>A certificate given next to a key held elsewhere (a token): PEM (leaf first, then its chain) or DER; PKCS#12 is refused.</summary>
    internal static (X509Certificate2 Leaf, List<X509Certificate2> Chain) LoadCertificates(byte[] data)
    {
        var certificate = Unwrap(data);
        return certificate.Certificates ?? throw new KeyMaterialException(
            "The certificate is a PKCS#12 file, which carries a private key; with pkcs11-uri the key is on the token.",
            "Give the certificate alone (PEM or DER), or leave certificate out to read it from the token.");
    }

    private readonly record struct CertificateInput(byte[]? Pkcs12, (X509Certificate2 Leaf, List<X509Certificate2> Chain)? Certificates);

    private static CertificateInput Unwrap(ReadOnlySpan<byte> data)
    {
        if (PemBlocks.LooksLikePem(data))
        {
            var certificates = ReadPemCertificates(data, "certificate");
            return new CertificateInput(null, (certificates[0], certificates.Skip(1).ToList()));
        }

        if (IsBlank(data))
        {
            throw new KeyMaterialException("The certificate is empty.", "Check the secret or file that should hold the certificate.");
        }

        var binary = PemBlocks.TryDecodeBase64(data) ?? data.ToArray();
        try
        {
            return X509Certificate2.GetCertContentType(binary) == X509ContentType.Pkcs12
                ? new CertificateInput(binary, null)
                : new CertificateInput(null, (X509CertificateLoader.LoadCertificate(binary), []));
        }
        catch (CryptographicException e)
        {
            throw new KeyMaterialException(
                "The certificate is not a PEM, DER or PKCS#12 certificate.",
                "Give the X.509 certificate Roles Anywhere trusts: PEM text ('-----BEGIN CERTIFICATE-----'), DER bytes, or a PKCS#12 (.p12/.pfx) file or its base64.", e);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> data) => data.Trim(" \t\r\n"u8).IsEmpty;

    private static List<X509Certificate2> ReadPemCertificates(ReadOnlySpan<byte> data, string what)
    {
        var blocks = PemBlocks.Read(Encoding.UTF8.GetString(data));
        var certificates = new List<X509Certificate2>();
        foreach (var (label, der, _) in blocks)
        {
            if (label is "PRIVATE KEY" or "RSA PRIVATE KEY" or "EC PRIVATE KEY" or "ENCRYPTED PRIVATE KEY")
            {
                throw new KeyMaterialException(
                    $"The {what} holds a private key.",
                    "Keep the private key in its own secret (private-key), never next to the certificate: certificates get shared, keys must not.");
            }

            if (label is not ("CERTIFICATE" or "TRUSTED CERTIFICATE"))
            {
                continue;
            }

            try
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(der));
            }
            catch (CryptographicException e)
            {
                throw new KeyMaterialException($"A PEM CERTIFICATE block in the {what} is not a valid X.509 certificate.", null, e);
            }
        }

        if (certificates.Count == 0)
        {
            throw new KeyMaterialException(
                $"The {what} has no '-----BEGIN CERTIFICATE-----' block.",
                "Give X.509 certificates in PEM form.");
        }

        return certificates;
    }

    internal static List<X509Certificate2> LoadChain(ReadOnlySpan<byte> data)
    {
        if (PemBlocks.LooksLikePem(data))
        {
            return ReadPemCertificates(data, "certificate chain");
        }

        var binary = PemBlocks.TryDecodeBase64(data) ?? data.ToArray();
        try
        {
            return [X509CertificateLoader.LoadCertificate(binary)];
        }
        catch (CryptographicException e)
        {
            throw new KeyMaterialException(
                "The certificate chain is neither a PEM bundle nor a DER certificate.",
                "Give the intermediate CA certificates as PEM blocks, one after another.", e);
        }
    }

    private static (X509Certificate2, List<X509Certificate2>, AsymmetricAlgorithm) LoadPkcs12(byte[] data, string? passphrase)
    {
        X509Certificate2Collection collection;
        try
        {
            collection = LoadPkcs12Collection(data, passphrase);
        }
        catch (CryptographicException e)
        {
            throw new KeyMaterialException(
                passphrase is null ? "The PKCS#12 file is protected by a password." : "The PKCS#12 file could not be opened with the given private-key-passphrase.",
                passphrase is null ? "Set private-key-passphrase to the PKCS#12 password." : "Check private-key-passphrase; it must be the PKCS#12 export password.", e);
        }

        var withKey = collection.Where(c => c.HasPrivateKey).ToList();
        if (withKey.Count != 1)
        {
            throw new KeyMaterialException(
                withKey.Count == 0 ? "The PKCS#12 file holds no private key." : "The PKCS#12 file holds several private keys.",
                "Export exactly one certificate with its private key (and optionally its intermediate CAs).");
        }

        var leaf = withKey[0];
        AsymmetricAlgorithm key = (AsymmetricAlgorithm?)leaf.GetRSAPrivateKey() ?? leaf.GetECDsaPrivateKey()
            ?? throw new KeyMaterialException("The PKCS#12 private key is neither RSA nor EC.", "Roles Anywhere signs with RSA or EC (P-256, P-384, P-521) keys.");
        var chain = collection.Where(c => !c.HasPrivateKey && !IsSelfSigned(c)).ToList();
        var publicLeaf = X509CertificateLoader.LoadCertificate(leaf.RawData);
        return (publicLeaf, chain, key);
    }

    private static X509Certificate2Collection LoadPkcs12Collection(byte[] data, string? passphrase)
    {
        const X509KeyStorageFlags flags = X509KeyStorageFlags.EphemeralKeySet | X509KeyStorageFlags.Exportable;
        if (passphrase is not null)
        {
            return X509CertificateLoader.LoadPkcs12Collection(data, passphrase, flags);
        }

        try
        {
            return X509CertificateLoader.LoadPkcs12Collection(data, null, flags);
        }
        catch (CryptographicException)
        {
            return X509CertificateLoader.LoadPkcs12Collection(data, string.Empty, flags);
        }
    }

    private static bool IsSelfSigned(X509Certificate2 certificate) => certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    private static AsymmetricAlgorithm LoadPrivateKey(ReadOnlySpan<byte> data, string? passphrase, X509Certificate2 leaf)
    {
        var oid = leaf.PublicKey.Oid.Value;
        if (oid is not (RsaOid or EcOid))
        {
            throw new KeyMaterialException(
                $"The certificate's key algorithm ({leaf.PublicKey.Oid.FriendlyName ?? oid}) is not supported.",
                "Roles Anywhere signs with RSA or EC (P-256, P-384, P-521) keys.");
        }

        AsymmetricAlgorithm key = oid == RsaOid ? RSA.Create() : ECDsa.Create();
        try
        {
            if (PemBlocks.LooksLikePem(data))
            {
                ImportPem(key, Encoding.UTF8.GetString(data), passphrase);
            }
            else
            {
                ImportDer(key, PemBlocks.TryDecodeBase64(data) ?? data.ToArray(), passphrase);
            }

            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static void ImportPem(AsymmetricAlgorithm key, string text, string? passphrase)
    {
        var blocks = PemBlocks.Read(text).Where(b => b.Label.EndsWith("PRIVATE KEY", StringComparison.Ordinal)).ToList();
        if (blocks.Count != 1)
        {
            throw new KeyMaterialException(
                blocks.Count == 0 ? "The private key has no '-----BEGIN … PRIVATE KEY-----' block." : "The private key holds more than one key.",
                "Give one key: PKCS#8 (PRIVATE KEY), encrypted PKCS#8 (ENCRYPTED PRIVATE KEY), PKCS#1 (RSA PRIVATE KEY) or SEC1 (EC PRIVATE KEY).");
        }

        var (label, _, pem) = blocks[0];
        if (pem.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            throw new KeyMaterialException(
                "The private key uses legacy OpenSSL PEM encryption, which is not supported.",
                "Convert it to encrypted PKCS#8: openssl pkcs8 -topk8 -in key.pem -out key.p8.pem");
        }

        if (label == "ENCRYPTED PRIVATE KEY")
        {
            RequirePassphrase(passphrase);
            Decrypt(() => key.ImportFromEncryptedPem(pem, passphrase));
            return;
        }

        if (label is "RSA PRIVATE KEY" && key is not RSA || label is "EC PRIVATE KEY" && key is not ECDsa)
        {
            throw Mismatch();
        }

        Import(() => key.ImportFromPem(pem));
    }

    private static void ImportDer(AsymmetricAlgorithm key, byte[] der, string? passphrase)
    {
        Action[] attempts = key switch
        {
            RSA rsa => [() => rsa.ImportPkcs8PrivateKey(der, out _), () => rsa.ImportRSAPrivateKey(der, out _)],
            ECDsa ec => [() => ec.ImportPkcs8PrivateKey(der, out _), () => ec.ImportECPrivateKey(der, out _)],
            _ => [],
        };
        foreach (var attempt in attempts)
        {
            try
            {
                attempt();
                return;
            }
            catch (CryptographicException)
            {
            }
        }

        if (passphrase is not null)
        {
            Decrypt(() => key.ImportEncryptedPkcs8PrivateKey(passphrase, der, out _));
            return;
        }

        throw new KeyMaterialException(
            "The private key is not a readable PEM or DER key of the certificate's type, or it is encrypted.",
            "Give PKCS#8, PKCS#1 (RSA) or SEC1 (EC), as PEM or DER; for an encrypted PKCS#8 key set private-key-passphrase.");
    }

    private static void RequirePassphrase(string? passphrase)
    {
        if (passphrase is null)
        {
            throw new KeyMaterialException("The private key is encrypted and no passphrase was given.", "Set private-key-passphrase.");
        }
    }

    private static void Decrypt(Action import)
    {
        try
        {
            import();
        }
        catch (CryptographicException e)
        {
            throw new KeyMaterialException(
                "The private key could not be decrypted with the given private-key-passphrase.",
                "Check private-key-passphrase; it is the passphrase the key was encrypted with.", e);
        }
        catch (ArgumentException e)
        {
            throw Mismatch(e);
        }
    }

    private static void Import(Action import)
    {
        try
        {
            import();
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw Mismatch(e);
        }
    }

    private static KeyMaterialException Mismatch(Exception? inner = null) => new(
        "The private key does not belong to the certificate.",
        "Give the key the certificate was issued for; check the two files were not swapped with another pair's.", inner);

    private static void EnsureMatches(X509Certificate2 leaf, AsymmetricAlgorithm key)
    {
        var matches = key switch
        {
            RSA rsa when leaf.GetRSAPublicKey() is { } publicRsa =>
                rsa.ExportParameters(false).Modulus!.AsSpan().SequenceEqual(publicRsa.ExportParameters(false).Modulus),
            ECDsa ec when leaf.GetECDsaPublicKey() is { } publicEc =>
                ec.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(publicEc.ExportSubjectPublicKeyInfo()),
            _ => false,
        };
        if (!matches)
        {
            throw Mismatch();
        }
    }

    internal static void EnsureValid(X509Certificate2 leaf, DateTimeOffset now)
    {
        var notBefore = new DateTimeOffset(leaf.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        var notAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        if (now < notBefore)
        {
            throw new KeyMaterialException(
                $"The certificate '{leaf.Subject}' is not valid yet: valid from {Format(notBefore)} to {Format(notAfter)}.",
                "Check the machine's clock, or wait until the certificate's start date.");
        }

        if (now > notAfter)
        {
            throw new KeyMaterialException(
                $"The certificate '{leaf.Subject}' expired on {Format(notAfter)} (valid from {Format(notBefore)}).",
                "Issue a new certificate from the CA the trust anchor holds, and update the secret.");
        }
    }

    private static string Format(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
