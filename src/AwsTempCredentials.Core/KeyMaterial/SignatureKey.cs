using System.Security.Cryptography;

namespace AwsTempCredentials.KeyMaterial;

/// <summary>
/// What signs for a <see cref="SigningIdentity"/>: a key held in memory, or one that never leaves a token
/// (<see cref="Pkcs11.Pkcs11SignatureKey"/>). Signatures are over SHA-256 of the data, in the form Roles Anywhere
/// expects: RSA PKCS#1 v1.5, or ECDSA DER-encoded.
/// </summary>
public abstract class SignatureKey : IDisposable
{
    /// <summary>True for RSA, false for EC.</summary>
    public abstract bool IsRsa { get; }

    public abstract byte[] Sign(ReadOnlySpan<byte> data);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>A private key in memory (files, secrets, or an OS key store's RSA/ECDsa object).</summary>
public sealed class InMemorySignatureKey(AsymmetricAlgorithm key) : SignatureKey
{
    public override bool IsRsa => key is RSA;

    public override byte[] Sign(ReadOnlySpan<byte> data) => key switch
    {
        RSA rsa => rsa.SignData(data.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        ECDsa ecdsa => ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
        _ => throw new NotSupportedException("Unsupported key type."),
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            key.Dispose();
        }
    }
}
