using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AwsTempCredentials.Testing.Pki;

/// <summary>Makes fresh private keys of a <see cref="TestKeyType"/>.</summary>
public static class TestKeys
{
    public static AsymmetricAlgorithm Create(TestKeyType type) => type switch
    {
        TestKeyType.Rsa2048 => RSA.Create(2048),
        TestKeyType.Rsa3072 => RSA.Create(3072),
        TestKeyType.EcP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        TestKeyType.EcP384 => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        TestKeyType.EcP521 => ECDsa.Create(ECCurve.NamedCurves.nistP521),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool IsRsa(this TestKeyType type) => type is TestKeyType.Rsa2048 or TestKeyType.Rsa3072;

    internal static CertificateRequest Request(string subject, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256),
        _ => throw new ArgumentException($"Unsupported key {key.GetType().Name}.", nameof(key)),
    };
}
