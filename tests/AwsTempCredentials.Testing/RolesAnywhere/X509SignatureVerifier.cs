using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Signing;
using Microsoft.AspNetCore.Http;

namespace AwsTempCredentials.Testing.RolesAnywhere;

/// <summary>
/// Verifies the Roles Anywhere flavour of SigV4
/// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/authentication-sign-process.html): exact headers,
/// X-Amz-Date within 5 minutes, credential = leaf serial in decimal, scope {date}/{region}/rolesanywhere/aws4_request, algorithm fitting the key,
/// and the signature over the rebuilt string to sign with the leaf's public key (RSA PKCS#1 v1.5, ECDSA DER).
/// </summary>
internal sealed class X509SignatureVerifier(string region, TimeProvider clock)
{
    public const string RsaAlgorithm = "AWS4-X509-RSA-SHA256";
    public const string EcdsaAlgorithm = "AWS4-X509-ECDSA-SHA256";
    private const string SignedHeadersWithoutChain = "content-type;host;x-amz-date;x-amz-x509";
    private const string SignedHeadersWithChain = "content-type;host;x-amz-date;x-amz-x509;x-amz-x509-chain";
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    public VerifiedSigner Verify(HttpContext context, byte[] body)
    {
        var headers = context.Request.Headers;
        var amzDate = Single(headers, "X-Amz-Date");
        if (!SigV4Canonical.TryParseAmzDate(amzDate, out var signedAt))
        {
            throw RolesAnywhereError.Validation("X-Amz-Date is missing or not in yyyyMMddTHHmmssZ form.");
        }

        var now = clock.GetUtcNow();
        if ((now - signedAt).Duration() > MaxSkew)
        {
            throw RolesAnywhereError.AccessDenied("Signature expired", $"X-Amz-Date {amzDate} is more than 5 minutes from the fake's clock {now:O}.");
        }

        var auth = SigV4Authorization.TryParse(Single(headers, "Authorization"))
            ?? throw RolesAnywhereError.AccessDenied("Invalid Authorization header", "Authorization is not '{alg} Credential=…, SignedHeaders=…, Signature=…'.");
        if (auth.Algorithm is not (RsaAlgorithm or EcdsaAlgorithm))
        {
            throw RolesAnywhereError.AccessDenied("Unsupported signing algorithm", $"Algorithm {auth.Algorithm}.");
        }

        if (auth.Date != amzDate![..8] || auth.Region != region || auth.Service != "rolesanywhere" || auth.Terminator != "aws4_request")
        {
            throw RolesAnywhereError.AccessDenied("Invalid credential scope", $"Scope {auth.Scope}; expected {amzDate[..8]}/{region}/rolesanywhere/aws4_request.");
        }

        var chainHeader = Single(headers, "X-Amz-X509-Chain");
        var expectedSignedHeaders = chainHeader is null ? SignedHeadersWithoutChain : SignedHeadersWithChain;
        if (auth.SignedHeadersText != expectedSignedHeaders)
        {
            throw RolesAnywhereError.AccessDenied("Invalid signed headers", $"SignedHeaders={auth.SignedHeadersText}; expected {expectedSignedHeaders}.");
        }

        if (!auth.SignatureIsLowerHex())
        {
            throw RolesAnywhereError.AccessDenied("Invalid signature", "Signature is not lowercase hex.");
        }

        var leaf = LoadCertificate(Single(headers, "X-Amz-X509"), "X-Amz-X509")
            ?? throw RolesAnywhereError.Validation("X-Amz-X509 header is required.");
        var chain = ParseChain(chainHeader);
        var serial = SerialNumbers.ToDecimal(leaf.SerialNumberBytes.Span);
        if (auth.CredentialId != serial)
        {
            throw RolesAnywhereError.AccessDenied("Invalid credential", $"Credential {auth.CredentialId} is not the leaf's serial {serial} (decimal).");
        }

        var canonicalRequest = string.Join('\n',
            context.Request.Method,
            SigV4Canonical.CanonicalUri(SigV4Canonical.RawTarget(context)),
            SigV4Canonical.CanonicalQuery(SigV4Canonical.RawTarget(context)),
            SigV4Canonical.CanonicalHeaders(headers, auth.SignedHeaders),
            auth.SignedHeadersText,
            SigV4Canonical.HexSha256(body));
        var stringToSign = Encoding.UTF8.GetBytes(string.Join('\n', auth.Algorithm, amzDate, auth.Scope, SigV4Canonical.HexSha256(canonicalRequest)));
        var signature = Convert.FromHexString(auth.Signature);
        bool valid;
        if (leaf.GetRSAPublicKey() is { } rsa)
        {
            using (rsa)
            {
                RequireAlgorithm(auth.Algorithm, RsaAlgorithm, "RSA");
                valid = rsa.VerifyData(stringToSign, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
        }
        else if (leaf.GetECDsaPublicKey() is { } ec)
        {
            using (ec)
            {
                RequireAlgorithm(auth.Algorithm, EcdsaAlgorithm, "EC");
                valid = ec.VerifyData(stringToSign, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            }
        }
        else
        {
            throw RolesAnywhereError.AccessDenied(RolesAnywhereError.UntrustedCertificate, "The leaf's key is neither RSA nor EC.");
        }

        if (!valid)
        {
            throw RolesAnywhereError.AccessDenied("Invalid signature", "The signature does not verify with the leaf's public key over the rebuilt string to sign.");
        }

        return new VerifiedSigner(leaf, chain, auth.Algorithm, serial);
    }

    private static void RequireAlgorithm(string actual, string expected, string keyType)
    {
        if (actual != expected)
        {
            throw RolesAnywhereError.AccessDenied("Invalid signing algorithm", $"The leaf has an {keyType} key; the algorithm must be {expected}, not {actual}.");
        }
    }

    private static List<X509Certificate2> ParseChain(string? header)
    {
        if (header is null)
        {
            return [];
        }

        var parts = header.Split(',');
        if (parts.Length > 5)
        {
            throw RolesAnywhereError.Validation("X-Amz-X509-Chain holds more than 5 certificates.");
        }

        return [.. parts.Select(p => LoadCertificate(p, "X-Amz-X509-Chain")!)];
    }

    private static X509Certificate2? LoadCertificate(string? base64, string header)
    {
        if (base64 is null)
        {
            return null;
        }

        try
        {
            return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw RolesAnywhereError.Validation($"{header} is not base64 of a DER certificate: {e.Message}");
        }
    }

    private static string? Single(IHeaderDictionary headers, string name)
    {
        var values = headers[name];
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw RolesAnywhereError.Validation($"Header {name} is given {values.Count.ToString(CultureInfo.InvariantCulture)} times."),
        };
    }
}

/// <summary>The certificates behind a request whose signature verified.</summary>
internal sealed record VerifiedSigner(X509Certificate2 Leaf, IReadOnlyList<X509Certificate2> Chain, string Algorithm, string SerialDecimal);
