using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AwsTempCredentials.Testing.Pki;

namespace AwsTempCredentials.Testing.RolesAnywhere;

/// <summary>
/// An independent CreateSession signer written from the IAM Roles Anywhere signing process
/// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/authentication-sign-process.html), used to prove the fake verifies (and to
/// cross-check the product's signer). Not product code: <see cref="ReferenceSigningOptions"/> can break each rule.
/// </summary>
public static class ReferenceRolesAnywhereSigner
{
    public static string Body(string trustAnchorArn, string profileArn, string roleArn, int durationSeconds = 3600, string? roleSessionName = null)
    {
        var body = new JsonObject
        {
            ["durationSeconds"] = durationSeconds,
            ["profileArn"] = profileArn,
            ["roleArn"] = roleArn,
            ["trustAnchorArn"] = trustAnchorArn,
        };
        if (roleSessionName is not null)
        {
            body["roleSessionName"] = roleSessionName;
        }

        return body.ToJsonString();
    }

    /// <summary>A signed <c>POST {baseAddress}sessions</c> ready for HttpClient.</summary>
    public static HttpRequestMessage CreateSessionRequest(Uri baseAddress, string region, TestCertificate identity, string body, ReferenceSigningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(body);
        options ??= new ReferenceSigningOptions();
        var uri = new Uri(baseAddress, "/sessions");
        var amzDate = (options.SignedAt ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var scope = $"{amzDate[..8]}/{region}/rolesanywhere/aws4_request";
        var isRsa = identity.PrivateKey is RSA;
        var algorithm = options.AlgorithmOverride ?? (isRsa ? "AWS4-X509-RSA-SHA256" : "AWS4-X509-ECDSA-SHA256");
        var x509 = Convert.ToBase64String(identity.Certificate.RawData);
        var chain = options.IncludeChain && identity.Intermediates.Count > 0
            ? string.Join(',', identity.Intermediates.Select(c => Convert.ToBase64String(c.RawData)))
            : null;

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = options.ContentType,
            ["host"] = uri.Authority,
            ["x-amz-date"] = amzDate,
            ["x-amz-x509"] = x509,
        };
        if (chain is not null)
        {
            headers["x-amz-x509-chain"] = chain;
        }

        var signedHeaders = string.Join(';', headers.Keys);
        var canonicalRequest = string.Join('\n',
            "POST", "/sessions", string.Empty,
            string.Concat(headers.Select(h => $"{h.Key}:{h.Value.Trim()}\n")),
            signedHeaders,
            Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
        var stringToSign = string.Join('\n', algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var data = Encoding.UTF8.GetBytes(stringToSign);
        var signature = identity.PrivateKey switch
        {
            RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ec => SignEcdsa(ec, data, options.EcdsaFormat),
            _ => throw new InvalidOperationException("Unsupported key."),
        };
        var credential = options.CredentialOverride ?? identity.SerialNumberDecimal;

        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(options.BodySentInstead ?? body));
        content.Headers.TryAddWithoutValidation("Content-Type", options.ContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-X509", x509);
        if (chain is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-X509-Chain", chain);
        }

        request.Headers.TryAddWithoutValidation("Authorization", $"{algorithm} Credential={credential}/{scope}, SignedHeaders={signedHeaders}, Signature={Hex(signature)}");
        return request;
    }

    private static byte[] SignEcdsa(ECDsa key, byte[] data, DSASignatureFormat format)
    {
        // A P1363 signature that happens to parse as DER would make a "P1363 is refused" test flaky: sign again.
        while (true)
        {
            var signature = key.SignData(data, HashAlgorithmName.SHA256, format);
            if (format == DSASignatureFormat.Rfc3279DerSequence || signature[0] != 0x30)
            {
                return signature;
            }
        }
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
