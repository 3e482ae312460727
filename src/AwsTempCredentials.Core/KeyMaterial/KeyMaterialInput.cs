using AwsTempCredentials.KeyMaterial.Store;

namespace AwsTempCredentials.KeyMaterial;

/// <summary>
/// Raw Roles Anywhere key material as the host obtained it (a file, a secure file download, a secret variable).
/// Bytes may be PEM text, DER, base64 of DER or PKCS#12, or PKCS#12. Nothing here is ever written to disk.
/// </summary>
public sealed record KeyMaterialInput(
    byte[]? Certificate,
    byte[]? PrivateKey,
    byte[]? CertificateChain,
    string? Passphrase)
{
    public static KeyMaterialInput Empty { get; } = new(null, null, null, null);

    /// <summary>The certificate and key in the OS certificate store (cert-store, cert-selector) instead of bytes; the key never leaves the store.</summary>
    public CertificateStoreReference? Store { get; init; }

    /// <summary>A key inside a PKCS#11 token (<c>pkcs11-uri</c>); the certificate comes from the token unless <see cref="Certificate"/> is given.</summary>
    public Pkcs11.Pkcs11KeyReference? Pkcs11 { get; init; }

    public bool IsEmpty => Certificate is null && PrivateKey is null && CertificateChain is null && Store is null && Pkcs11 is null;
}
