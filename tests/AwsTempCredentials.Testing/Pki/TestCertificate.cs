using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AwsTempCredentials.Testing.Pki;

/// <summary>
/// A client (leaf) certificate with its private key and the intermediates up to (not including) the root.
/// Exports live in <c>TestCertificate.Exports.cs</c>.
/// </summary>
public sealed partial class TestCertificate
{
    internal TestCertificate(
        X509Certificate2 certificate, AsymmetricAlgorithm privateKey, TestKeyType keyType,
        IReadOnlyList<X509Certificate2> intermediates, TestCertificateAuthority issuer)
    {
        Certificate = certificate;
        PrivateKey = privateKey;
        KeyType = keyType;
        Intermediates = intermediates;
        Issuer = issuer;
    }

    /// <summary>The leaf certificate, public part only.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The private key (an <see cref="RSA"/> or <see cref="ECDsa"/>); for <see cref="WithMismatchedKey"/> not the certificate's.</summary>
    public AsymmetricAlgorithm PrivateKey { get; }

    public TestKeyType KeyType { get; }

    /// <summary>The CA certificates between the leaf and the root, issuing CA first; empty when the root issued the leaf.</summary>
    public IReadOnlyList<X509Certificate2> Intermediates { get; }

    public TestCertificateAuthority Issuer { get; }

    public bool IsRsa => KeyType.IsRsa();

    /// <summary>Big-endian serial bytes (positive).</summary>
    public byte[] SerialNumberBytes => Certificate.SerialNumberBytes.ToArray();

    /// <summary>The serial in decimal, as it appears in a Roles Anywhere Authorization header.</summary>
    public string SerialNumberDecimal => SerialNumbers.ToDecimal(Certificate.SerialNumberBytes.Span);

    /// <summary>The serial as lowercase hex, which Roles Anywhere uses as the role session name.</summary>
    public string SerialNumberHex => Convert.ToHexStringLower(Certificate.SerialNumberBytes.Span);

    /// <summary>The same certificate paired with a freshly generated key of the same type (a key that does not match).</summary>
    public TestCertificate WithMismatchedKey() =>
        new(Certificate, TestKeys.Create(KeyType), KeyType, Intermediates, Issuer);

    /// <summary>The same certificate and key, claiming no intermediates (to test a missing chain).</summary>
    public TestCertificate WithoutIntermediates() => new(Certificate, PrivateKey, KeyType, [], Issuer);

    /// <summary>Whether <see cref="PrivateKey"/> belongs to <see cref="Certificate"/>.</summary>
    public bool KeyMatchesCertificate()
    {
        var mine = PrivateKey switch
        {
            RSA rsa => rsa.ExportSubjectPublicKeyInfo(),
            ECDsa ec => ec.ExportSubjectPublicKeyInfo(),
            _ => [],
        };
        return mine.AsSpan().SequenceEqual(Certificate.PublicKey.ExportSubjectPublicKeyInfo());
    }

    public override string ToString() => $"{KeyType} leaf {Certificate.Subject} serial {SerialNumberHex} via {Intermediates.Count} intermediate(s)";
}
