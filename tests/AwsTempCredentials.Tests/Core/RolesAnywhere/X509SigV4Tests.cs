using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.RolesAnywhere;
using AwsTempCredentials.Testing.Pki;

namespace AwsTempCredentials.Tests.Core.RolesAnywhere;

/// <summary>Each step of the X.509 SigV4 signing process on its own, with a fixed date and known hashes.</summary>
public sealed class X509SigV4Tests
{
    private static readonly DateTimeOffset Now = new(2024, 3, 5, 7, 8, 9, TimeSpan.Zero);

    private static readonly Dictionary<string, string> Headers = new(StringComparer.Ordinal)
    {
        ["x-amz-x509"] = "MIIB",
        ["host"] = "rolesanywhere.eu-west-1.amazonaws.com",
        ["content-type"] = " application/json ",
        ["x-amz-date"] = "20240305T070809Z",
    };

    private const string CanonicalRequest =
        "POST\n/sessions\n\n" +
        "content-type:application/json\nhost:rolesanywhere.eu-west-1.amazonaws.com\nx-amz-date:20240305T070809Z\nx-amz-x509:MIIB\n\n" +
        "content-type;host;x-amz-date;x-amz-x509\n" +
        "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"; // SHA-256 of "{}"

    [Fact]
    public void The_date_is_utc_in_basic_iso_format()
    {
        Assert.Equal("20240305T070809Z", X509SigV4.AmzDate(Now));
        Assert.Equal("20240305T070809Z", X509SigV4.AmzDate(Now.ToOffset(TimeSpan.FromHours(9))));
    }

    [Fact]
    public void The_scope_is_date_region_service_and_terminator()
    {
        Assert.Equal("20240305/eu-west-1/rolesanywhere/aws4_request", X509SigV4.Scope("20240305T070809Z", "eu-west-1"));
    }

    [Fact]
    public void The_canonical_request_sorts_and_trims_headers_and_hashes_the_body()
    {
        Assert.Equal(CanonicalRequest, X509SigV4.CanonicalRequest("POST", "/sessions", Headers, "{}"u8));
        Assert.DoesNotContain('\r', X509SigV4.CanonicalRequest("POST", "/sessions", Headers, "{}"u8));
    }

    [Fact]
    public void The_signed_headers_include_the_chain_when_sent()
    {
        var withChain = new Dictionary<string, string>(Headers) { ["x-amz-x509-chain"] = "MIIC,MIID" };
        Assert.Equal("content-type;host;x-amz-date;x-amz-x509;x-amz-x509-chain", X509SigV4.SignedHeaders(withChain));
    }

    [Fact]
    public void The_string_to_sign_is_algorithm_date_scope_and_the_canonical_hash()
    {
        Assert.Equal(
            "AWS4-X509-ECDSA-SHA256\n20240305T070809Z\n20240305/eu-west-1/rolesanywhere/aws4_request\n" +
            "3f3fc5133039963fa5a544c7c7d8350de3c7e2db43a6f814ef0e9defd29370dd",
            X509SigV4.StringToSign("AWS4-X509-ECDSA-SHA256", "20240305T070809Z", "20240305/eu-west-1/rolesanywhere/aws4_request", CanonicalRequest));
    }

    [Fact]
    public void The_authorization_names_the_decimal_serial_scope_headers_and_hex_signature()
    {
        Assert.Equal(
            "AWS4-X509-RSA-SHA256 Credential=123456789/20240305/eu-west-1/rolesanywhere/aws4_request, SignedHeaders=content-type;host, Signature=00ff10",
            X509SigV4.Authorization("AWS4-X509-RSA-SHA256", "123456789", "20240305/eu-west-1/rolesanywhere/aws4_request", "content-type;host", [0x00, 0xff, 0x10]));
    }

    [Theory]
    [InlineData(TestKeyType.Rsa2048, "AWS4-X509-RSA-SHA256")]
    [InlineData(TestKeyType.EcP256, "AWS4-X509-ECDSA-SHA256")]
    [InlineData(TestKeyType.EcP384, "AWS4-X509-ECDSA-SHA256")]
    public void A_signed_request_verifies_with_the_certificate_public_key(TestKeyType keyType, string algorithm)
    {
        var leaf = TestPki.Shared.Leaf(keyType, viaIntermediate: true);
        using var identity = SigningIdentityLoader.Load(
            new KeyMaterialInput(Encoding.ASCII.GetBytes(leaf.CertificatePem), Encoding.ASCII.GetBytes(leaf.PrivateKeyPkcs8Pem), Encoding.ASCII.GetBytes(leaf.ChainPem), null),
            DateTimeOffset.UtcNow);
        var body = "{\"durationSeconds\":3600}"u8.ToArray();

        using var request = RolesAnywhereRequestSigner.CreateSignedRequest(new Uri("https://rolesanywhere.eu-west-1.amazonaws.com"), "eu-west-1", body, identity, Now);

        var authorization = request.Headers.GetValues("Authorization").Single();
        Assert.StartsWith($"{algorithm} Credential={leaf.SerialNumberDecimal}/20240305/eu-west-1/rolesanywhere/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-x509;x-amz-x509-chain, Signature=", authorization, StringComparison.Ordinal);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.ToString());
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = "application/json",
            ["host"] = "rolesanywhere.eu-west-1.amazonaws.com",
            ["x-amz-date"] = request.Headers.GetValues("X-Amz-Date").Single(),
            ["x-amz-x509"] = Convert.ToBase64String(leaf.CertificateDer),
            ["x-amz-x509-chain"] = string.Join(',', leaf.Intermediates.Select(c => Convert.ToBase64String(c.RawData))),
        };
        Assert.Equal(headers["x-amz-x509-chain"], request.Headers.GetValues("X-Amz-X509-Chain").Single());
        var toSign = Encoding.UTF8.GetBytes(X509SigV4.StringToSign(algorithm, "20240305T070809Z", X509SigV4.Scope("20240305T070809Z", "eu-west-1"),
            X509SigV4.CanonicalRequest("POST", "/sessions", headers, body)));
        var signature = Convert.FromHexString(authorization[(authorization.LastIndexOf('=') + 1)..]);
        Assert.True(leaf.Certificate.GetRSAPublicKey() is { } rsa
            ? rsa.VerifyData(toSign, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : leaf.Certificate.GetECDsaPublicKey()!.VerifyData(toSign, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }
}
