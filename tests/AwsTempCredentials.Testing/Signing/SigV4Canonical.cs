using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AwsTempCredentials.Testing.Signing;

/// <summary>SigV4 canonical request pieces, rebuilt from the request as it arrived (never from what the client meant).</summary>
public static class SigV4Canonical
{
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string HexSha256(string text) => HexSha256(Encoding.UTF8.GetBytes(text));

    public static bool TryParseAmzDate(string? value, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);

    /// <summary>RFC 3986 encoding as SigV4 wants it: unreserved characters kept, everything else %XX (upper case).</summary>
    public static string UriEncode(string value, bool keepSlash = false)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>The raw request target (path and query) exactly as sent on the wire.</summary>
    public static string RawTarget(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (context.Request.Path + context.Request.QueryString).ToString();
    }

    /// <summary>Canonical URI for non-S3 services: each path segment encoded again (the wire path is already encoded once).</summary>
    public static string CanonicalUri(string rawTarget)
    {
        ArgumentNullException.ThrowIfNull(rawTarget);
        var path = rawTarget.Split('?', 2)[0];
        if (path.Length == 0)
        {
            return "/";
        }

        return string.Join('/', path.Split('/').Select(segment => UriEncode(Uri.UnescapeDataString(segment)).Replace("%", "%25", StringComparison.Ordinal)));
    }

    /// <summary>Canonical query string: pairs re-encoded and sorted by name then value.</summary>
    public static string CanonicalQuery(string rawTarget)
    {
        ArgumentNullException.ThrowIfNull(rawTarget);
        var parts = rawTarget.Split('?', 2);
        if (parts.Length < 2 || parts[1].Length == 0)
        {
            return string.Empty;
        }

        return string.Join('&', parts[1].Split('&')
            .Select(pair => pair.Split('=', 2))
            .Select(kv => (Name: UriEncode(Uri.UnescapeDataString(kv[0])), Value: UriEncode(Uri.UnescapeDataString(kv.Length > 1 ? kv[1] : string.Empty))))
            .OrderBy(kv => kv.Name, StringComparer.Ordinal).ThenBy(kv => kv.Value, StringComparer.Ordinal)
            .Select(kv => kv.Name + "=" + kv.Value));
    }

    /// <summary>Canonical header lines for the signed header names (values trimmed, inner spaces collapsed, repeats joined by ',').</summary>
    public static string CanonicalHeaders(IHeaderDictionary headers, IEnumerable<string> signedHeaderNames)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var builder = new StringBuilder();
        foreach (var name in signedHeaderNames)
        {
            var values = headers[name].Select(v => string.Join(' ', (v ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
            builder.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        return builder.ToString();
    }
}
