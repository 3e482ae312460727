using System.Net.Http.Headers;
using System.Text;
using AwsTempCredentials.KeyMaterial;

namespace AwsTempCredentials.RolesAnywhere;

/// <summary>
/// Builds the CreateSession request (<c>POST /sessions</c>) signed in memory with the certificate's private key:
/// <see cref="X509SigV4"/>'s steps over the headers Roles Anywhere requires.
/// </summary>
public static class RolesAnywhereRequestSigner
{
    public const string Path = "/sessions";

    public static HttpRequestMessage CreateSignedRequest(Uri endpoint, string region, byte[] body, SigningIdentity identity, DateTimeOffset now)
    {
        var amzDate = X509SigV4.AmzDate(now);
        var host = endpoint.IsDefaultPort ? endpoint.IdnHost : $"{endpoint.IdnHost}:{endpoint.Port}";
        var x509 = Convert.ToBase64String(identity.Leaf.RawData);
        var chain = identity.Chain.Count > 0 ? string.Join(',', identity.Chain.Select(c => Convert.ToBase64String(c.RawData))) : null;

        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
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

        var scope = X509SigV4.Scope(amzDate, region);
        var stringToSign = X509SigV4.StringToSign(identity.Algorithm, amzDate, scope, X509SigV4.CanonicalRequest("POST", Path, headers, body));
        var signature = identity.Sign(Encoding.UTF8.GetBytes(stringToSign));

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, Path))
        {
            Content = new ByteArrayContent(body),
        };

        // Set here, not by StringContent, which would add "; charset=utf-8" to the signed value.
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-X509", x509);
        if (chain is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-X509-Chain", chain);
        }

        request.Headers.TryAddWithoutValidation(
            "Authorization", X509SigV4.Authorization(identity.Algorithm, identity.SerialNumberDecimal, scope, X509SigV4.SignedHeaders(headers), signature));
        return request;
    }
}
