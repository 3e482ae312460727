using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AwsTempCredentials.Testing.Pki;

/// <summary>
/// .NET's <c>X509Store</c> for the current user on Linux, under a HOME of the test's own: each store is a directory of
/// passwordless PKCS#12 files, <c>$HOME/.dotnet/corefx/cryptography/x509stores/{my,ca}/THUMBPRINT.pfx</c>. A product
/// process started with this HOME sees exactly the certificates added here — as Windows' <c>CurrentUser\My</c> or the
/// macOS keychain would show them, except that the key is a file.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DotNetUserStore : IDisposable
{
    private readonly bool _ownsHome;

    public DotNetUserStore()
    {
        Home = Directory.CreateTempSubdirectory("awstc-store-home-").FullName;
        _ownsHome = true;
    }

    /// <summary>The stores under an existing HOME (a runner's), left in place on dispose.</summary>
    public DotNetUserStore(string home) => Home = home;

    /// <summary>The HOME to run the product with.</summary>
    public string Home { get; }

    /// <summary>The <c>My</c> store's directory.</summary>
    public string MyDirectory => StoreDirectory("my");

    /// <summary>Adds the leaf with its private key to <c>CurrentUser\My</c> (as importing a .pfx does).</summary>
    public void AddWithKey(TestCertificate leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        using var withKey = leaf.PrivateKey switch
        {
            RSA rsa => leaf.Certificate.CopyWithPrivateKey(rsa),
            ECDsa ec => leaf.Certificate.CopyWithPrivateKey(ec),
            _ => throw new InvalidOperationException("Unsupported key."),
        };
        Write("my", withKey);
    }

    /// <summary>Adds the certificate alone (no key) to <c>CurrentUser\My</c>.</summary>
    public void AddWithoutKey(TestCertificate leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        Write("my", leaf.Certificate);
    }

    /// <summary>Adds CA certificates to <c>CurrentUser\CA</c>, where chain building finds intermediates.</summary>
    public void AddIntermediates(IEnumerable<X509Certificate2> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        foreach (var certificate in certificates)
        {
            Write("ca", certificate);
        }
    }

    /// <summary>Every file under the store directories, for checks that nothing was added, removed or exported.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.Exists(Path.Combine(Home, ".dotnet")) ? Directory.GetFiles(Path.Combine(Home, ".dotnet"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList() : [];

    public void Dispose()
    {
        if (_ownsHome)
        {
            Directory.Delete(Home, recursive: true);
        }
    }

    private string StoreDirectory(string name) => Path.Combine(Home, ".dotnet", "corefx", "cryptography", "x509stores", name);

    private void Write(string store, X509Certificate2 certificate)
    {
        var directory = StoreDirectory(store);
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(directory, certificate.Thumbprint + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
