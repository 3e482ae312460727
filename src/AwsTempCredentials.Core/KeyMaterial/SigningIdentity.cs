using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AwsTempCredentials.KeyMaterial;

/// <summary>An end-entity certificate, its intermediates and its private key, held in memory only.</summary>
public sealed class SigningIdentity : IDisposable
{
    private readonly SignatureKey _key;

    internal SigningIdentity(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> chain, AsymmetricAlgorithm key)
        : this(leaf, chain, new InMemorySignatureKey(key))
    {
    }

    internal SigningIdentity(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> chain, SignatureKey key)
    {
        Leaf = leaf;
        Chain = chain;
        _key = key;
        Algorithm = key.IsRsa ? "AWS4-X509-RSA-SHA256" : "AWS4-X509-ECDSA-SHA256";
        SerialNumberDecimal = new BigInteger(Convert.FromHexString(leaf.SerialNumber), isUnsigned: true, isBigEndian: true)
            .ToString(CultureInfo.InvariantCulture);
    }

    public X509Certificate2 Leaf { get; }

    /// <summary>Where the key is, for messages: null for key material given as files or secrets.</summary>
    public string? Source { get; init; }

    /// <summary>Intermediate CA certificates, leaf excluded, in the order given.</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary><c>AWS4-X509-RSA-SHA256</c> or <c>AWS4-X509-ECDSA-SHA256</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The leaf's serial number in decimal, as Roles Anywhere expects it in the credential scope.</summary>
    public string SerialNumberDecimal { get; }

    /// <summary>Signs SHA-256 of <paramref name="data"/>: RSA PKCS#1 v1.5, or ECDSA DER-encoded (every curve uses SHA-256).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _key.Sign(data);

    public void Dispose()
    {
        _key.Dispose();
        Leaf.Dispose();
        foreach (var certificate in Chain)
        {
            certificate.Dispose();
        }
    }
}
