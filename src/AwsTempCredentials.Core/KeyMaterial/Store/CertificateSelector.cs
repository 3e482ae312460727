using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AwsTempCredentials.KeyMaterial.Store;

/// <summary>
/// Which certificate of an OS store to use, in the syntax of the Roles Anywhere credential helper's <c>--cert-selector</c>:
/// <c>Key=x509Subject,Value=CN=agent Key=x509Serial,Value=15D1…</c>, or its JSON form <c>[{"Key":"x509Issuer","Value":"CN=CA"}]</c>,
/// plus the key <c>thumbprint</c> (SHA-1, as Windows shows it, or SHA-256). A bare 40- or 64-digit hex string is a thumbprint.
/// Every given key must match: subject and issuer as whole distinguished names (<see cref="DistinguishedName"/>), the
/// serial as a hex number (leading zeros, spaces and colons ignored), the thumbprint as hex.
/// </summary>
public sealed partial record CertificateSelector
{
    public const string SubjectKey = "x509Subject";
    public const string IssuerKey = "x509Issuer";
    public const string SerialKey = "x509Serial";
    public const string ThumbprintKey = "thumbprint";

    private static readonly string[] Keys = [SubjectKey, IssuerKey, SerialKey, ThumbprintKey];

    public DistinguishedName? Subject { get; private init; }

    public DistinguishedName? Issuer { get; private init; }

    /// <summary>Big-endian, without leading zero bytes.</summary>
    public byte[]? Serial { get; private init; }

    /// <summary>Upper-case hex of the SHA-1 (40 digits) or SHA-256 (64 digits) of the certificate's DER.</summary>
    public string? Thumbprint { get; private init; }

    /// <summary>Parses the key/value or JSON form; null with the reason when the text is not a selector.</summary>
    public static CertificateSelector? TryParse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim().Trim('\u200e', '\u200f', '\ufeff').Trim();
        List<(string Key, string Value)>? pairs;
        if (text.Length == 0)
        {
            problem = "is empty.";
            return null;
        }

        if (text[0] == '[')
        {
            pairs = ParseJson(text, out problem);
        }
        else if (text.StartsWith("Key=", StringComparison.OrdinalIgnoreCase))
        {
            pairs = ParseKeyValues(text, out problem);
        }
        else if (HexDigits(text) is { Length: 40 or 64 })
        {
            pairs = [(ThumbprintKey, text)];
            problem = null;
        }
        else
        {
            problem = "is not a certificate selector: give 'Key=x509Subject,Value=CN=…' pairs (keys x509Subject, x509Issuer, x509Serial, thumbprint; "
                + "several separated by spaces), their JSON form, file://PATH of a JSON file, or a certificate thumbprint (40 hex digits).";
            return null;
        }

        return pairs is null ? null : FromPairs(pairs, out problem);
    }

    public bool Matches(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return (Subject is null || Subject.Equals(DistinguishedName.Of(certificate.SubjectName)))
            && (Issuer is null || Issuer.Equals(DistinguishedName.Of(certificate.IssuerName)))
            && (Serial is null || Serial.AsSpan().SequenceEqual(TrimZeros(certificate.SerialNumberBytes.Span)))
            && (Thumbprint is null || Thumbprint == ThumbprintOf(certificate, Thumbprint.Length == 64));
    }

    /// <summary>The certificate's SHA-1 (or SHA-256) thumbprint, upper-case hex.</summary>
    public static string ThumbprintOf(X509Certificate2 certificate, bool sha256 = false)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexString(sha256 ? SHA256.HashData(certificate.RawData) : certificate.GetCertHash());
    }

    /// <summary>The selector in the key/value form, e.g. <c>Key=x509Subject,Value=CN=agent Key=thumbprint,Value=1A2B…</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Subject is not null)
        {
            parts.Add($"Key={SubjectKey},Value={Subject}");
        }

        if (Issuer is not null)
        {
            parts.Add($"Key={IssuerKey},Value={Issuer}");
        }

        if (Serial is not null)
        {
            parts.Add($"Key={SerialKey},Value={Convert.ToHexString(Serial)}");
        }

        if (Thumbprint is not null)
        {
            parts.Add($"Key={ThumbprintKey},Value={Thumbprint}");
        }

        return string.Join(' ', parts);
    }

    private static CertificateSelector? FromPairs(List<(string Key, string Value)> pairs, out string? problem)
    {
        problem = null;
        var selector = new CertificateSelector();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (givenKey, rawValue) in pairs)
        {
            var key = Keys.FirstOrDefault(k => k.Equals(givenKey.Trim(), StringComparison.OrdinalIgnoreCase));
            if (key is null)
            {
                problem = $"has the key '{givenKey.Trim()}'; the keys are {string.Join(", ", Keys)}.";
                return null;
            }

            if (!seen.Add(key))
            {
                problem = $"gives {key} twice; give each key once.";
                return null;
            }

            var value = rawValue.Trim();
            if (value.Length == 0)
            {
                problem = $"gives {key} an empty value.";
                return null;
            }

            switch (key)
            {
                case SubjectKey or IssuerKey:
                    var name = DistinguishedName.TryParse(value, out var nameProblem);
                    if (name is null)
                    {
                        problem = $"has a {key} that is not a distinguished name: {nameProblem}";
                        return null;
                    }

                    selector = key == SubjectKey ? selector with { Subject = name } : selector with { Issuer = name };
                    break;
                case SerialKey:
                    var serial = HexDigits(value);
                    if (serial is null)
                    {
                        problem = $"has an {SerialKey} that is not hexadecimal ('{value}'); give the serial number as Windows and openssl show it, e.g. 15D19632234BF759.";
                        return null;
                    }

                    selector = selector with { Serial = TrimZeros(Convert.FromHexString(serial.Length % 2 == 0 ? serial : "0" + serial)).ToArray() };
                    break;
                default:
                    var thumbprint = HexDigits(value);
                    if (thumbprint is not { Length: 40 or 64 })
                    {
                        problem = $"has a {ThumbprintKey} that is not 40 (SHA-1) or 64 (SHA-256) hex digits.";
                        return null;
                    }

                    selector = selector with { Thumbprint = thumbprint.ToUpperInvariant() };
                    break;
            }
        }

        if (seen.Count == 0)
        {
            problem = "names no key; give at least one of " + string.Join(", ", Keys) + ".";
            return null;
        }

        return selector;
    }

    /// <summary>The credential helper's grammar: <c>Key=K,Value=V</c> repeated, a value running up to the next <c>Key=</c>.</summary>
    private static List<(string, string)>? ParseKeyValues(string text, out string? problem)
    {
        problem = null;
        var pairs = new List<(string, string)>();
        var rest = text;
        while (rest.Length > 0)
        {
            var match = KeyValuePattern().Match(rest);
            if (!match.Success)
            {
                problem = $"cannot be read from '{Shorten(rest)}': each part must be Key=NAME,Value=VALUE.";
                return null;
            }

            pairs.Add((match.Groups[1].Value, match.Groups[2].Value));
            var end = match.Length;
            if (match.Groups[3].Length > 0)
            {
                end -= 4;
            }

            rest = rest[end..];
        }

        return pairs;
    }

    private static List<(string, string)>? ParseJson(string text, out string? problem)
    {
        problem = null;
        var pairs = new List<(string, string)>();
        try
        {
            using var document = JsonDocument.Parse(text);
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object
                    || !entry.TryGetProperty("Key", out var key) || key.ValueKind != JsonValueKind.String
                    || !entry.TryGetProperty("Value", out var value) || value.ValueKind != JsonValueKind.String)
                {
                    problem = "is JSON but not a list of {\"Key\": \"…\", \"Value\": \"…\"} objects.";
                    return null;
                }

                pairs.Add((key.GetString()!, value.GetString()!));
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            problem = "is not valid JSON: expected a list of {\"Key\": \"…\", \"Value\": \"…\"} objects.";
            return null;
        }

        return pairs;
    }

    /// <summary>The hex digits of <paramref name="text"/> with spaces and colons dropped; null when anything else is there.</summary>
    private static string? HexDigits(string text)
    {
        var digits = new StringBuilder(text.Length);
        foreach (var c in text.Trim('\u200e', '\u200f', '\ufeff'))
        {
            if (Uri.IsHexDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or ':'))
            {
                return null;
            }
        }

        return digits.Length > 0 ? digits.ToString() : null;
    }

    private static ReadOnlySpan<byte> TrimZeros(ReadOnlySpan<byte> value)
    {
        var start = value.IndexOfAnyExcept((byte)0);
        return start < 0 ? [] : value[start..];
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^\s*Key=(.+?),Value=(.+?)\s*(Key=|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex KeyValuePattern();
}
