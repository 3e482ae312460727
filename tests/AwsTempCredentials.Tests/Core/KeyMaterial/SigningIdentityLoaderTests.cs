using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AwsTempCredentials.Errors;
using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.Testing.Pki;

namespace AwsTempCredentials.Tests.Core.KeyMaterial;

/// <summary>The key loader in process, table-driven over key types and every encoding Roles Anywhere users bring.</summary>
public sealed class SigningIdentityLoaderTests
{
    private const string Passphrase = "correct horse";

    public enum Encoding
    {
        Pkcs8Pem,
        Pkcs8Der,
        Pkcs1Pem,
        Sec1Pem,
        EncryptedPkcs8Pem,
        Pkcs12,
        Pkcs12WithPassword,
        Pkcs12Base64,
    }

    public static TheoryData<TestKeyType, Encoding> Cases()
    {
        var data = new TheoryData<TestKeyType, Encoding>();
        foreach (var key in new[] { TestKeyType.Rsa2048, TestKeyType.Rsa3072, TestKeyType.EcP256, TestKeyType.EcP384, TestKeyType.EcP521 })
        {
            foreach (var encoding in Enum.GetValues<Encoding>())
            {
                var applies = encoding switch
                {
                    Encoding.Pkcs1Pem => key.IsRsa(),
                    Encoding.Sec1Pem => !key.IsRsa(),
                    _ => true,
                };
                if (applies)
                {
                    data.Add(key, encoding);
                }
            }
        }

        return data;
    }

    private static KeyMaterialInput Input(TestCertificate leaf, Encoding encoding)
    {
        static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);
        var certificate = Ascii(leaf.CertificatePem);
        var chain = Ascii(leaf.ChainPem);
        return encoding switch
        {
            Encoding.Pkcs8Pem => new(certificate, Ascii(leaf.PrivateKeyPkcs8Pem), chain, null),
            Encoding.Pkcs8Der => new(leaf.CertificateDer, leaf.PrivateKeyPkcs8Der, chain, null),
            Encoding.Pkcs1Pem => new(certificate, Ascii(leaf.PrivateKeyPkcs1Pem), chain, null),
            Encoding.Sec1Pem => new(certificate, Ascii(leaf.PrivateKeySec1Pem), chain, null),
            Encoding.EncryptedPkcs8Pem => new(certificate, Ascii(leaf.EncryptedPrivateKeyPem(Passphrase)), chain, Passphrase),
            Encoding.Pkcs12 => new(leaf.Pkcs12(), null, null, null),
            Encoding.Pkcs12WithPassword => new(leaf.Pkcs12(Passphrase), null, null, Passphrase),
            _ => new(Ascii(Convert.ToBase64String(leaf.Pkcs12())), null, null, null),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_key_type_loads_in_every_encoding_with_its_chain(TestKeyType keyType, Encoding encoding)
    {
        var leaf = TestPki.Shared.Leaf(keyType, viaIntermediate: true);

        using var identity = SigningIdentityLoader.Load(Input(leaf, encoding), DateTimeOffset.UtcNow);

        Assert.Equal(leaf.Certificate.Thumbprint, identity.Leaf.Thumbprint);
        Assert.Equal(leaf.Intermediates.Select(c => c.Thumbprint), identity.Chain.Select(c => c.Thumbprint));
        Assert.Equal(leaf.SerialNumberDecimal, identity.SerialNumberDecimal);
        Assert.Equal(keyType.IsRsa() ? "AWS4-X509-RSA-SHA256" : "AWS4-X509-ECDSA-SHA256", identity.Algorithm);
        var data = "string to sign"u8.ToArray();
        var signature = identity.Sign(data);
        Assert.True(keyType.IsRsa()
            ? leaf.Certificate.GetRSAPublicKey()!.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : leaf.Certificate.GetECDsaPublicKey()!.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Theory]
    [InlineData(TestKeyType.EcP256)]
    [InlineData(TestKeyType.Rsa2048)]
    public void A_key_of_another_certificate_is_refused_as_key_material(TestKeyType keyType)
    {
        var leaf = TestPki.Shared.Leaf(keyType).WithMismatchedKey();

        var error = Assert.Throws<KeyMaterialException>(() => SigningIdentityLoader.Load(Input(leaf, Encoding.Pkcs8Pem), DateTimeOffset.UtcNow));

        Assert.Equal(ExitCodes.InvalidKeyMaterial, error.ExitCode);
        Assert.Contains("private key does not belong to the certificate", error.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_passphrase_is_refused_without_echoing_it()
    {
        var leaf = TestPki.Shared.Leaf(TestKeyType.EcP256);
        var input = Input(leaf, Encoding.EncryptedPkcs8Pem) with { Passphrase = "wrong-passphrase-value" };

        var error = Assert.Throws<KeyMaterialException>(() => SigningIdentityLoader.Load(input, DateTimeOffset.UtcNow));

        Assert.Contains("passphrase", error.Describe(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("wrong-passphrase-value", error.Describe(), StringComparison.Ordinal);
    }
}
