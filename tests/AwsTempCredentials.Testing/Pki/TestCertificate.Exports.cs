using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AwsTempCredentials.Testing.Pki;

/// <summary>The on-disk forms a user may hand the tool: PEM/DER certificates, chain bundles, every private key encoding, PKCS#12.</summary>
public sealed partial class TestCertificate
{
    private static readonly PbeParameters EncryptedKeyParameters = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 2048);

    public byte[] CertificateDer => Certificate.RawData;

    public string CertificatePem => Certificate.ExportCertificatePem() + "\n";

    /// <summary>The intermediates as a PEM bundle (issuing CA first); empty string when there are none.</summary>
    public string ChainPem => string.Concat(Intermediates.Select(c => c.ExportCertificatePem() + "\n"));

    /// <summary>Leaf followed by its intermediates, as one PEM bundle (some users keep them in one file).</summary>
    public string FullChainPem => CertificatePem + ChainPem;

    /// <summary>Unencrypted PKCS#8, "-----BEGIN PRIVATE KEY-----".</summary>
    public string PrivateKeyPkcs8Pem => PrivateKey.ExportPkcs8PrivateKeyPem() + "\n";

    public byte[] PrivateKeyPkcs8Der => PrivateKey.ExportPkcs8PrivateKey();

    /// <summary>PKCS#1, "-----BEGIN RSA PRIVATE KEY-----" (RSA keys only).</summary>
    public string PrivateKeyPkcs1Pem => (PrivateKey as RSA ?? throw new InvalidOperationException("PKCS#1 is for RSA keys.")).ExportRSAPrivateKeyPem() + "\n";

    /// <summary>SEC1, "-----BEGIN EC PRIVATE KEY-----" (EC keys only).</summary>
    public string PrivateKeySec1Pem => (PrivateKey as ECDsa ?? throw new InvalidOperationException("SEC1 is for EC keys.")).ExportECPrivateKeyPem() + "\n";

    /// <summary>Encrypted PKCS#8 (PBES2, AES-256-CBC, PBKDF2-SHA256), "-----BEGIN ENCRYPTED PRIVATE KEY-----".</summary>
    public string EncryptedPrivateKeyPem(string passphrase) =>
        PrivateKey.ExportEncryptedPkcs8PrivateKeyPem(passphrase.AsSpan(), EncryptedKeyParameters) + "\n";

    /// <summary>PKCS#12 holding leaf + key + intermediates; <paramref name="password"/> null for a passwordless file.</summary>
    public byte[] Pkcs12(string? password = null)
    {
        using var withKey = PrivateKey switch
        {
            RSA rsa => Certificate.CopyWithPrivateKey(rsa),
            ECDsa ec => Certificate.CopyWithPrivateKey(ec),
            _ => throw new InvalidOperationException("Unsupported key."),
        };
        var collection = new X509Certificate2Collection(withKey);
        collection.AddRange(Intermediates.ToArray());
        return collection.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
    }

    /// <summary>Writes the usual trio (cert.pem, chain.pem when there is a chain, key.pem as PKCS#8) into a directory.</summary>
    public TestCertificateFiles WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var certificate = Path.Combine(directory, "cert.pem");
        var key = Path.Combine(directory, "key.pem");
        File.WriteAllText(certificate, CertificatePem, Encoding.ASCII);
        File.WriteAllText(key, PrivateKeyPkcs8Pem, Encoding.ASCII);
        string? chain = null;
        if (Intermediates.Count > 0)
        {
            chain = Path.Combine(directory, "chain.pem");
            File.WriteAllText(chain, ChainPem, Encoding.ASCII);
        }

        return new TestCertificateFiles(certificate, key, chain);
    }
}

/// <summary>Paths written by <see cref="TestCertificate.WriteTo"/>.</summary>
public sealed record TestCertificateFiles(string CertificatePath, string PrivateKeyPath, string? ChainPath);
