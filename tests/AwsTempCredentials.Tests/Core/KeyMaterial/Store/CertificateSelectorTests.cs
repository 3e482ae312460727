using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AwsTempCredentials.KeyMaterial.Store;

namespace AwsTempCredentials.Tests.Core.KeyMaterial.Store;

/// <summary>
/// The cert-selector grammar (the Roles Anywhere credential helper's key/value and JSON forms plus thumbprint) and
/// how a selector matches certificates, table-driven over one certificate with a multi-part name.
/// </summary>
public sealed class CertificateSelectorTests : IDisposable
{
    private static readonly byte[] Serial = [0x00, 0x15, 0xD1, 0x96, 0x32, 0x23, 0x4B, 0xF7, 0x59];
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _certificate;

    public CertificateSelectorTests()
    {
        var issuer = Name("Example Issuing CA", null);
        var request = new CertificateRequest(Name("build-agent-01", "CI"), _key, HashAlgorithmName.SHA256);
        using var issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        _certificate = request.Create(issuer, X509SignatureGenerator.CreateForECDsa(issuerKey), now.AddHours(-1), now.AddDays(1), Serial);
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _key.Dispose();
    }

    private static X500DistinguishedName Name(string commonName, string? unit)
    {
        // The builder encodes the last part added first: this gives the usual C, O, OU, CN order in DER.
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(commonName);
        if (unit is not null)
        {
            name.AddOrganizationalUnitName(unit);
        }

        name.AddOrganizationName("Example, Inc.");
        name.AddCountryOrRegion("US");
        return name.Build();
    }

    private string Sha1 => Convert.ToHexString(_certificate.GetCertHash());

    private string Sha256 => Convert.ToHexString(SHA256.HashData(_certificate.RawData));

    public static TheoryData<string, bool> Matching() => new()
    {
        // The credential helper's key/value form: whole names, most specific part first, as Go's pkix.Name.String() prints them.
        { @"Key=x509Subject,Value=CN=build-agent-01,OU=CI,O=Example\, Inc.,C=US", true },
        { @"Key=x509Subject,Value=CN=build-agent-01, OU=CI, O=Example\, Inc., C=US", true },
        { @"Key=x509Subject,Value=cn=build-agent-01,ou=CI,o=Example\, Inc.,c=US", true },
        { @"Key=x509Subject,Value=CN=build-agent-01,OU=CI,O=""Example, Inc."",C=US", true },
        { @"Key=x509Subject,Value=CN=build-agent-01,OU=CI,O=Example\2C Inc.,C=US", true },
        { @"Key=x509Subject,Value=CN=build-agent-01", false },
        { @"Key=x509Subject,Value=C=US,O=Example\, Inc.,OU=CI,CN=build-agent-01", false },
        { @"Key=x509Subject,Value=CN=Build-Agent-01,OU=CI,O=Example\, Inc.,C=US", false },
        { @"Key=x509Issuer,Value=CN=Example Issuing CA,O=Example\, Inc.,C=US", true },
        { @"Key=x509Issuer,Value=CN=Example Issuing CA,O=Example\, Inc.,C=US Key=x509Serial,Value=15D19632234BF759", true },
        { @"Key=x509Serial,Value=15d19632234bf759", true },
        { @"Key=x509Serial,Value=00 15 d1 96 32 23 4b f7 59", true },
        { @"Key=x509Serial,Value=15:D1:96:32:23:4B:F7:59", true },
        { @"Key=x509Serial,Value=15D19632234BF758", false },
        { @"Key=x509Subject,Value=CN=build-agent-01,OU=CI,O=Example\, Inc.,C=US Key=x509Serial,Value=01", false },
        { @"[{""Key"":""x509Subject"",""Value"":""CN=build-agent-01,OU=CI,O=Example\\, Inc.,C=US""},{""Key"":""x509Serial"",""Value"":""15D19632234BF759""}]", true },
        { @"[{""Key"":""x509Issuer"",""Value"":""CN=Other CA""}]", false },
    };

    [Theory]
    [MemberData(nameof(Matching))]
    public void Matches_as_the_credential_helper_does(string text, bool matches)
    {
        var selector = CertificateSelector.TryParse(text, out var problem);

        Assert.True(selector is not null, problem);
        Assert.Equal(matches, selector.Matches(_certificate));
    }

    [Fact]
    public void Thumbprints_match_in_every_form_windows_and_openssl_show()
    {
        var sha1Spaced = string.Join(' ', Enumerable.Range(0, 20).Select(i => Sha1.Substring(i * 2, 2)));
        foreach (var text in new[]
        {
            Sha1, Sha1.ToLowerInvariant(), "\u200e" + Sha1, sha1Spaced, $"Key=thumbprint,Value={Sha1}", Sha256,
            string.Join(':', Enumerable.Range(0, 32).Select(i => Sha256.Substring(i * 2, 2))), $"Key=thumbprint,Value={Sha256.ToLowerInvariant()}",
        })
        {
            var selector = CertificateSelector.TryParse(text, out var problem);
            Assert.True(selector is not null, $"{text}: {problem}");
            Assert.True(selector.Matches(_certificate), text);
        }

        var other = CertificateSelector.TryParse(new string('A', 40), out _);
        Assert.False(other!.Matches(_certificate));
    }

    public static TheoryData<string, string> Malformed() => new()
    {
        { "", "is empty" },
        { "CN=build-agent-01", "is not a certificate selector" },
        { "Key=x509Subject", "Key=NAME,Value=VALUE" },
        { "Key=x509Subject,Value=CN=a Key=x509Subject,Value=CN=b", "gives x509Subject twice" },
        { "Key=x509Email,Value=a@example.com", "has the key 'x509Email'" },
        { "Key=x509Serial,Value=12XY", "not hexadecimal" },
        { "Key=thumbprint,Value=ABCDEF", "40 (SHA-1) or 64 (SHA-256) hex digits" },
        { "Key=x509Subject,Value=build-agent", "not a distinguished name" },
        { "Key=x509Subject,Value=FOO=bar", "'FOO' is not an attribute type" },
        { "Key=x509Subject,Value=CN=a,,O=b", "empty part" },
        { "[{\"Key\":\"x509Subject\"}]", "not a list of" },
        { "[not json", "not valid JSON" },
        { "[]", "names no key" },
        { "garbage Key=x509Subject,Value=CN=a", "is not a certificate selector" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_selectors_say_what_is_wrong(string text, string expected)
    {
        var selector = CertificateSelector.TryParse(text, out var problem);

        Assert.Null(selector);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Prints_names_in_the_form_it_accepts()
    {
        var subject = DistinguishedName.Of(_certificate.SubjectName).ToString();

        Assert.Equal(@"CN=build-agent-01,OU=CI,O=Example\, Inc.,C=US", subject);
        var selector = CertificateSelector.TryParse($"Key=x509Subject,Value={subject} Key=x509Serial,Value=0015D19632234BF759", out _)!;
        Assert.True(selector.Matches(_certificate));
        Assert.Equal(@"Key=x509Subject,Value=CN=build-agent-01,OU=CI,O=Example\, Inc.,C=US Key=x509Serial,Value=15D19632234BF759", selector.ToString());
    }

    public static TheoryData<string?, string?, string?> StoreOptions() => new()
    {
        { "LocalShop\\My", "Key=x509Subject,Value=CN=a", "cert-store: 'LocalShop\\My' is not a certificate store" },
        { "CurrentUser\\My", null, "cert-selector: is required with cert-store" },
        { null, "CN=a", "cert-selector: is not a certificate selector" },
        { null, "file:///nonexistent/selector.json", "cert-selector: file '/nonexistent/selector.json' cannot be read" },
    };

    [Theory]
    [MemberData(nameof(StoreOptions))]
    public void Store_options_are_checked_before_the_store_is_opened(string? store, string? selector, string? expected)
    {
        var errors = new List<AwsTempCredentials.Options.OptionError>();

        var reference = CertificateStoreReference.FromOptions(store, selector, errors);

        Assert.Null(reference);
        Assert.Contains(errors, e => e.ToString().StartsWith(expected!, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("CurrentUser\\My", StoreLocation.CurrentUser)]
    [InlineData("currentuser/my", StoreLocation.CurrentUser)]
    [InlineData("Cert:\\CurrentUser\\My", StoreLocation.CurrentUser)]
    [InlineData(null, StoreLocation.CurrentUser)]
    public void Store_names_are_read_as_windows_and_powershell_write_them(string? store, StoreLocation location)
    {
        var errors = new List<AwsTempCredentials.Options.OptionError>();

        var reference = CertificateStoreReference.FromOptions(store, $"Key=thumbprint,Value={Sha1}", errors);

        Assert.Empty(errors);
        Assert.Equal(location, reference!.Location);
    }

    [Fact]
    public void A_selector_file_holds_the_json_form()
    {
        var path = Path.Combine(Path.GetTempPath(), $"awstc-selector-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $"[{{\"Key\":\"x509Serial\",\"Value\":\"15D19632234BF759\"}},{{\"Key\":\"thumbprint\",\"Value\":\"{Sha256}\"}}]");
        try
        {
            var errors = new List<AwsTempCredentials.Options.OptionError>();
            var reference = CertificateStoreReference.FromOptions(null, "file://" + path, errors);

            Assert.Empty(errors);
            Assert.True(reference!.Selector.Matches(_certificate));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LocalMachine_is_refused_on_linux_where_dotnet_has_no_such_store()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the refusal is Linux's; Windows and macOS have LocalMachine\\My");
        var errors = new List<AwsTempCredentials.Options.OptionError>();

        CertificateStoreReference.FromOptions("LocalMachine\\My", "Key=x509Subject,Value=CN=a", errors);

        var error = Assert.Single(errors);
        Assert.Equal("cert-store", error.Option);
        Assert.Contains("Windows and macOS only", error.Message, StringComparison.Ordinal);
    }
}
