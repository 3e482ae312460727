using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AwsTempCredentials.KeyMaterial;

namespace AwsTempCredentials.RolesAnywhere;

/// <summary>
/// Signs a CreateSession request with SigV4 using the certificate's private key instead of an HMAC key
/// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/authentication-sign-process.html), in memory.
/// </summary>
public static class RolesAnywhereRequestSigner
{
    public const string Path = "/sessions";
    private const string Service = "rolesanywhere";

    /// <summary>Builds the signed POST /sessions request for <paramref name="body"/>.</summary>
    public static HttpRequestMessage CreateSignedRequest(Uri endpoint, string region, byte[] body, SigningIdentity identity, DateTimeOffset now)
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var host = endpoint.IsDefaultPort ? endpoint.IdnHost : $"{endpoint.IdnHost}:{endpoint.Port}";
        var x509 = Convert.ToBase64String(identity.Leaf.RawData);
        var chain = identity.Chain.Count > 0 ? string.Join(',', identity.Chain.Select(c => Convert.ToBase64String(c.RawData))) : null;

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = "application/json",
            ["host"] = host,
            ["x-amz-date"] = amzDate,
            ["x-amz-x509"] = x509,
        };
        if (chain is not null)
        {
            headers["x-amz-x509-chain"] = chain;
        }

        var signedHeaders = string.Join(';', headers.Keys);
        var canonicalRequest = string.Join('\n',
            "POST",
            Path,
            string.Empty,
            string.Concat(headers.Select(h => $"{h.Key}:{h.Value.Trim()}\n")),
            signedHeaders,
            Hex(SHA256.HashData(body)));
        var scope = $"{date}/{region}/{Service}/aws4_request";
        var stringToSign = string.Join('\n', identity.Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var signature = Hex(identity.Sign(Encoding.UTF8.GetBytes(stringToSign)));

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, Path))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-X509", x509);
        if (chain is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-X509-Chain", chain);
        }

        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"{identity.Algorithm} Credential={identity.SerialNumberDecimal}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        return request;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
