using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AwsTempCredentials.Testing.Pki;

/// <summary>A test CA (root or intermediate) that issues intermediates, client leaves and TLS server certificates.</summary>
public sealed class TestCertificateAuthority
{
    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);

    private readonly X509Certificate2 _withKey;
    private readonly X509SignatureGenerator _signer;

    private TestCertificateAuthority(X509Certificate2 withKey, AsymmetricAlgorithm key, TestCertificateAuthority? parent)
    {
        _withKey = withKey;
        _signer = key switch
        {
            RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            ECDsa ec => X509SignatureGenerator.CreateForECDsa(ec),
            _ => throw new ArgumentException("Unsupported key.", nameof(key)),
        };
        Parent = parent;
        Certificate = X509CertificateLoader.LoadCertificate(withKey.RawData);
    }

    /// <summary>The CA certificate, public part only.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA that issued this one; null for a root.</summary>
    public TestCertificateAuthority? Parent { get; }

    public bool IsRoot => Parent is null;

    /// <summary>The root at the top of this CA's chain.</summary>
    public TestCertificateAuthority Root => Parent?.Root ?? this;

    /// <summary>The CA certificates between a leaf issued here and the root: this CA first, root excluded.</summary>
    public IReadOnlyList<X509Certificate2> IntermediatesToRoot =>
        IsRoot ? [] : [Certificate, .. Parent!.IntermediatesToRoot];

    public string CertificatePem => Certificate.ExportCertificatePem() + "\n";

    public static TestCertificateAuthority CreateRoot(string commonName, TestKeyType keyType = TestKeyType.EcP384)
    {
        var key = TestKeys.Create(keyType);
        var request = CaRequest(commonName, key);
        var now = DateTimeOffset.UtcNow;
        return new TestCertificateAuthority(request.CreateSelfSigned(now.AddDays(-30), now.Add(CaLifetime)), key, null);
    }

    public TestCertificateAuthority CreateIntermediate(string commonName, TestKeyType keyType = TestKeyType.EcP256)
    {
        var key = TestKeys.Create(keyType);
        var request = CaRequest(commonName, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        using var issued = Sign(request, _withKey.NotBefore.AddDays(1), _withKey.NotAfter.AddDays(-1), SerialNumbers.NewRandom());
        return new TestCertificateAuthority(CopyWithKey(issued, key), key, this);
    }

    /// <summary>Issues a client (Roles Anywhere) leaf: CA false, digitalSignature, clientAuth.</summary>
    public TestCertificate IssueLeaf(
        string commonName, TestKeyType keyType, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, byte[]? serial = null)
    {
        var key = TestKeys.Create(keyType);
        var request = TestKeys.Request($"CN={commonName}, O=AwsTempCredentials Tests", key);
        AddClientLeafExtensions(request);
        var now = DateTimeOffset.UtcNow;
        var certificate = Sign(request, notBefore ?? now.AddHours(-1), notAfter ?? now.AddDays(30), serial ?? SerialNumbers.NewRandom());
        return new TestCertificate(certificate, key, keyType, IntermediatesToRoot, this);
    }

    /// <summary>
    /// Issues a client leaf for a public key whose private half this process never sees (a key generated inside a
    /// PKCS#11 token): the certificate only, no key.
    /// </summary>
    public X509Certificate2 IssueLeafFor(string commonName, PublicKey publicKey, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, O=AwsTempCredentials Tests"), publicKey, HashAlgorithmName.SHA256);
        AddClientLeafExtensions(request);
        var now = DateTimeOffset.UtcNow;
        return Sign(request, notBefore ?? now.AddHours(-1), notAfter ?? now.AddDays(30), SerialNumbers.NewRandom());
    }

    /// <summary>What a Roles Anywhere client leaf carries: CA false, digitalSignature, clientAuth, key ids.</summary>
    private void AddClientLeafExtensions(CertificateRequest request)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
    }

    /// <summary>Issues a TLS server certificate for the given DNS names and IP addresses (SAN), serverAuth.</summary>
    public X509Certificate2 IssueTlsServer(IEnumerable<string> dnsNames, IEnumerable<System.Net.IPAddress> addresses)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=AwsTempCredentials Tests", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            san.AddDnsName(name);
        }

        foreach (var address in addresses)
        {
            san.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(san.Build(true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var now = DateTimeOffset.UtcNow;
        using var issued = Sign(request, now.AddHours(-1), now.AddDays(30), SerialNumbers.NewRandom());
        return CopyWithKey(issued, key);
    }

    /// <summary>Signs with this CA's key whatever the subject's key type (an EC CA may issue RSA leaves).</summary>
    private X509Certificate2 Sign(CertificateRequest request, DateTimeOffset notBefore, DateTimeOffset notAfter, byte[] serial) =>
        request.Create(Certificate.SubjectName, _signer, notBefore, notAfter, serial);

    private static CertificateRequest CaRequest(string commonName, AsymmetricAlgorithm key)
    {
        var request = TestKeys.Request($"CN={commonName}, O=AwsTempCredentials Tests", key);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    private static X509Certificate2 CopyWithKey(X509Certificate2 certificate, AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => certificate.CopyWithPrivateKey(rsa),
        ECDsa ec => certificate.CopyWithPrivateKey(ec),
        _ => throw new ArgumentException("Unsupported key.", nameof(key)),
    };
}
