using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AwsTempCredentials.Testing.Pki;

/// <summary>
/// A ready-made test PKI: a trusted root with an intermediate, an untrusted root (never registered as a trust anchor),
/// a TLS CA with a server certificate for 127.0.0.1/localhost, and cached leaves of every key type.
/// Use <see cref="Shared"/> (built once, lazily; RSA 3072 keys are slow) unless a test needs its own.
/// </summary>
public sealed class TestPki
{
    private static readonly Lazy<TestPki> LazyShared = new(() => new TestPki(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ConcurrentDictionary<(TestKeyType, bool), Lazy<TestCertificate>> _leaves = new();
    private readonly Lazy<TestCertificate> _expired;
    private readonly Lazy<TestCertificate> _notYetValid;
    private readonly Lazy<TestCertificate> _untrusted;
    private readonly Lazy<TestCertificateAuthority> _untrustedRoot;
    private readonly Lazy<TestCertificateAuthority> _tlsCa;
    private readonly Lazy<X509Certificate2> _tlsServer;
    private readonly Lazy<string> _tlsCaPemPath;

    public TestPki()
    {
        Root = TestCertificateAuthority.CreateRoot("AwsTempCredentials Test Root CA");
        Intermediate = Root.CreateIntermediate("AwsTempCredentials Test Intermediate CA");
        var now = DateTimeOffset.UtcNow;
        _expired = new(() => Root.IssueLeaf("expired-leaf", TestKeyType.EcP256, now.AddDays(-3), now.AddDays(-1)));
        _notYetValid = new(() => Root.IssueLeaf("future-leaf", TestKeyType.EcP256, now.AddDays(1), now.AddDays(3)));
        _untrustedRoot = new(() => TestCertificateAuthority.CreateRoot("Untrusted Root CA", TestKeyType.EcP256));
        _untrusted = new(() => _untrustedRoot.Value.IssueLeaf("untrusted-leaf", TestKeyType.EcP256));
        _tlsCa = new(() => TestCertificateAuthority.CreateRoot("AwsTempCredentials Test TLS CA", TestKeyType.EcP256));
        _tlsServer = new(() => _tlsCa.Value.IssueTlsServer(["localhost"], [IPAddress.Loopback, IPAddress.IPv6Loopback]));
        _tlsCaPemPath = new(() =>
        {
            var path = Path.Combine(Path.GetTempPath(), $"awstc-tls-ca-{Guid.NewGuid():N}.pem");
            File.WriteAllText(path, _tlsCa.Value.CertificatePem, Encoding.ASCII);
            return path;
        });
    }

    public static TestPki Shared => LazyShared.Value;

    /// <summary>The root CA to register as a trust anchor.</summary>
    public TestCertificateAuthority Root { get; }

    /// <summary>An intermediate CA under <see cref="Root"/>.</summary>
    public TestCertificateAuthority Intermediate { get; }

    /// <summary>A root that is never registered anywhere.</summary>
    public TestCertificateAuthority UntrustedRoot => _untrustedRoot.Value;

    /// <summary>A leaf of the given key type, issued by the root or via the intermediate; the same instance on each call.</summary>
    public TestCertificate Leaf(TestKeyType keyType, bool viaIntermediate = false) =>
        _leaves.GetOrAdd((keyType, viaIntermediate), key => new Lazy<TestCertificate>(() =>
            (key.Item2 ? Intermediate : Root).IssueLeaf($"{key.Item1}-{(key.Item2 ? "via-intermediate" : "from-root")}", key.Item1))).Value;

    /// <summary>EC P-256 leaf from the root whose validity ended yesterday.</summary>
    public TestCertificate ExpiredLeaf => _expired.Value;

    /// <summary>EC P-256 leaf from the root valid only from tomorrow.</summary>
    public TestCertificate NotYetValidLeaf => _notYetValid.Value;

    /// <summary>EC P-256 leaf from <see cref="UntrustedRoot"/>.</summary>
    public TestCertificate UntrustedLeaf => _untrusted.Value;

    /// <summary>The CA that issued <see cref="TlsServerCertificate"/>.</summary>
    public TestCertificateAuthority TlsCa => _tlsCa.Value;

    /// <summary>Server certificate (with key) for localhost, 127.0.0.1 and ::1.</summary>
    public X509Certificate2 TlsServerCertificate => _tlsServer.Value;

    /// <summary>A PEM file holding only the TLS CA, for SSL_CERT_FILE / AWS_CA_BUNDLE.</summary>
    public string TlsCaPemPath => _tlsCaPemPath.Value;

    /// <summary>Writes the TLS CA as PEM to a path of your choice.</summary>
    public void WriteTlsCaPem(string path) => File.WriteAllText(path, TlsCa.CertificatePem, Encoding.ASCII);
}
