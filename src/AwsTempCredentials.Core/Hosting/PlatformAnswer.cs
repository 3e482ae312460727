using System.Text;

namespace AwsTempCredentials.Hosting;

/// <summary>What a CI platform's endpoint answered instead of the JSON or file expected, in words (never the body itself, which may hold a token).</summary>
public static class PlatformAnswer
{
    public static string Describe(ReadOnlySpan<byte> body, string expected)
    {
        var start = body.TrimStart(" \t\r\n"u8);
        if (start.IsEmpty)
        {
            return $"an empty answer instead of {expected}";
        }

        if (IsHtml(start))
        {
            return $"an HTML page instead of {expected} (a proxy, captive portal or sign-in page answered in its place)";
        }

        return start[0] is (byte)'{' or (byte)'['
            ? $"JSON that is truncated or holds no {expected}"
            : $"{body.Length} bytes that are not {expected}";
    }

    /// <summary>An HTML page (a proxy's error page, a sign-in form) rather than the file or JSON asked for.</summary>
    public static bool IsHtml(ReadOnlySpan<byte> body)
    {
        var start = body.TrimStart(" \t\r\n"u8);
        var head = Encoding.ASCII.GetString(start[..Math.Min(start.Length, 15)]);
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || head.StartsWith("<head", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<body", StringComparison.OrdinalIgnoreCase);
    }
}
