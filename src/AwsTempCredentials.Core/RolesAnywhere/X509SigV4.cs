using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AwsTempCredentials.RolesAnywhere;

/// <summary>
/// The steps of Signature Version 4 with an X.509 key, as IAM Roles Anywhere defines its signing process
/// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/authentication-sign-process.html): each a pure
/// function, so each is tested on its own with a fixed date, as the Roles Anywhere credential helper's signer tests do.
/// Lines are joined with <c>\n</c>, never the platform's newline.
/// </summary>
public static class X509SigV4
{
    public const string Service = "rolesanywhere";

    /// <summary><c>X-Amz-Date</c>: <c>yyyyMMddTHHmmssZ</c> in UTC.</summary>
    public static string AmzDate(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The credential scope: <c>{yyyyMMdd}/{region}/rolesanywhere/aws4_request</c>.</summary>
    public static string Scope(string amzDate, string region) => $"{amzDate[..8]}/{region}/{Service}/aws4_request";

    /// <summary>
    /// The canonical request of a body-signed call with no query: method, path, empty query, one
    /// <c>name:trimmed value</c> line per signed header (sorted, lower-case names), the signed header list, and the
    /// lower-case hex SHA-256 of the body.
    /// </summary>
    public static string CanonicalRequest(string method, string path, IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body)
    {
        var sorted = headers.OrderBy(h => h.Key, StringComparer.Ordinal).ToList();
        return string.Join('\n',
            method,
            path,
            string.Empty,
            string.Concat(sorted.Select(h => $"{h.Key}:{h.Value.Trim()}\n")),
            SignedHeaders(headers),
            Hex(SHA256.HashData(body)));
    }

    /// <summary>The signed header list: the lower-case names, sorted, joined with <c>;</c>.</summary>
    public static string SignedHeaders(IReadOnlyDictionary<string, string> headers) => string.Join(';', headers.Keys.Order(StringComparer.Ordinal));

    /// <summary>The string to sign: algorithm, date, scope, and the hex SHA-256 of the canonical request.</summary>
    public static string StringToSign(string algorithm, string amzDate, string scope, string canonicalRequest) =>
        string.Join('\n', algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

    /// <summary>The <c>Authorization</c> header value; <paramref name="serialDecimal"/> is the leaf's serial number in decimal.</summary>
    public static string Authorization(string algorithm, string serialDecimal, string scope, string signedHeaders, ReadOnlySpan<byte> signature) =>
        $"{algorithm} Credential={serialDecimal}/{scope}, SignedHeaders={signedHeaders}, Signature={Hex(signature)}";

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
