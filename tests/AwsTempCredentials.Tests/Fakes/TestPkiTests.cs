using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AwsTempCredentials.Testing.Pki;

namespace AwsTempCredentials.Tests.Fakes;

public sealed class TestPkiTests
{
    private static readonly TestPki Pki = TestPki.Shared;

    [Theory]
    [InlineData(TestKeyType.Rsa2048)]
    [InlineData(TestKeyType.EcP384)]
    public void Every_export_reads_back_as_the_same_key_and_certificate(TestKeyType keyType)
    {
        var leaf = Pki.Leaf(keyType, viaIntermediate: true);
        Assert.True(leaf.KeyMatchesCertificate());
        Assert.False(leaf.WithMismatchedKey().KeyMatchesCertificate());
        Assert.Equal(leaf.Certificate, X509Certificate2.CreateFromPem(leaf.CertificatePem));
        Assert.Equal(leaf.Certificate, X509CertificateLoader.LoadCertificate(leaf.CertificateDer));
        Assert.Contains("-----BEGIN PRIVATE KEY-----", leaf.PrivateKeyPkcs8Pem, StringComparison.Ordinal);
        Assert.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", leaf.EncryptedPrivateKeyPem("pass"), StringComparison.Ordinal);
        Assert.Single(new X509Certificate2Collection().Also(c => c.ImportFromPem(leaf.ChainPem)));

        var expected = leaf.Certificate.PublicKey.ExportSubjectPublicKeyInfo();
        if (leaf.IsRsa)
        {
            Assert.Contains("-----BEGIN RSA PRIVATE KEY-----", leaf.PrivateKeyPkcs1Pem, StringComparison.Ordinal);
            using var rsa = RSA.Create();
            rsa.ImportFromEncryptedPem(leaf.EncryptedPrivateKeyPem("pass"), "pass");
            Assert.Equal(expected, rsa.ExportSubjectPublicKeyInfo());
        }
        else
        {
            Assert.Contains("-----BEGIN EC PRIVATE KEY-----", leaf.PrivateKeySec1Pem, StringComparison.Ordinal);
            using var ec = ECDsa.Create();
            ec.ImportPkcs8PrivateKey(leaf.PrivateKeyPkcs8Der, out _);
            Assert.Equal(expected, ec.ExportSubjectPublicKeyInfo());
        }

        foreach (var password in new[] { null, "secret" })
        {
            var bundle = X509CertificateLoader.LoadPkcs12Collection(leaf.Pkcs12(password), password);
            Assert.Equal(2, bundle.Count);
            Assert.Contains(bundle, c => c.HasPrivateKey && c.Thumbprint == leaf.Certificate.Thumbprint);
        }
    }

    [Fact]
    public void Leaves_have_positive_multi_byte_serials_and_the_TLS_certificate_names_loopback()
    {
        var leaf = Pki.Leaf(TestKeyType.EcP256);
        Assert.True(leaf.SerialNumberBytes.Length >= 8);
        Assert.True(leaf.SerialNumberBytes[0] is > 0 and < 0x80);
        Assert.NotEqual(leaf.SerialNumberHex, Pki.Leaf(TestKeyType.EcP521).SerialNumberHex);

        var tls = Pki.TlsServerCertificate;
        Assert.True(tls.HasPrivateKey);
        Assert.True(tls.MatchesHostname("localhost"));
        Assert.True(tls.MatchesHostname("127.0.0.1"));
        Assert.Contains("-----BEGIN CERTIFICATE-----", File.ReadAllText(Pki.TlsCaPemPath), StringComparison.Ordinal);
        Assert.True(Pki.ExpiredLeaf.Certificate.NotAfter < DateTime.Now);
        Assert.True(Pki.NotYetValidLeaf.Certificate.NotBefore > DateTime.Now);
    }
}

internal static class CollectionExtensions
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
