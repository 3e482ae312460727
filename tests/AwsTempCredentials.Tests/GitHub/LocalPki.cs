using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>A throw-away self-signed certificate for checks that fail before any call (no trust anchor needed).</summary>
internal sealed class LocalPki : IDisposable
{
    public LocalPki()
    {
        Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ci-client", Key, HashAlgorithmName.SHA256);
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    public ECDsa Key { get; }

    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem();

    public string EncryptedKeyPem(string passphrase) =>
        Key.ExportEncryptedPkcs8PrivateKeyPem(passphrase, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000));

    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
    }
}
