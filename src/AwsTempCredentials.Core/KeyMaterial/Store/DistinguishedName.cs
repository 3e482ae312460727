using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AwsTempCredentials.KeyMaterial.Store;

/// <summary>
/// A distinguished name as a list of RDNs in RFC 4514 (RFC 2253) order — most specific first, <c>CN=agent,O=Example,C=US</c> —
/// the form the Roles Anywhere credential helper's <c>x509Subject</c>/<c>x509Issuer</c> compare against. Two names are equal
/// when they hold the same attributes in the same order; attribute names are case-insensitive (<c>cn</c> = <c>CN</c>,
/// <c>S</c> = <c>ST</c>, dotted OIDs allowed), values are compared exactly.
/// </summary>
public sealed class DistinguishedName : IEquatable<DistinguishedName>
{
    private static readonly (string Oid, string[] Names)[] Attributes =
    [
        ("2.5.4.3", ["CN"]), ("2.5.4.4", ["SN"]), ("2.5.4.5", ["SERIALNUMBER"]), ("2.5.4.6", ["C"]), ("2.5.4.7", ["L"]),
        ("2.5.4.8", ["ST", "S"]), ("2.5.4.9", ["STREET"]), ("2.5.4.10", ["O"]), ("2.5.4.11", ["OU"]), ("2.5.4.12", ["T", "TITLE"]),
        ("2.5.4.17", ["POSTALCODE"]), ("2.5.4.42", ["G", "GN", "GIVENNAME"]), ("0.9.2342.19200300.100.1.25", ["DC"]),
        ("0.9.2342.19200300.100.1.1", ["UID"]), ("1.2.840.113549.1.9.1", ["E", "EMAIL", "EMAILADDRESS"]),
    ];

    private readonly IReadOnlyList<IReadOnlyList<(string Oid, string Value)>> _rdns;

    private DistinguishedName(IReadOnlyList<IReadOnlyList<(string Oid, string Value)>> rdns) => _rdns = rdns;

    /// <summary>The name of a certificate, in RFC 4514 order.</summary>
    public static DistinguishedName Of(X500DistinguishedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var rdns = new List<IReadOnlyList<(string, string)>>();
        try
        {
            var sequence = new AsnReader(name.RawData, AsnEncodingRules.DER).ReadSequence();
            while (sequence.HasData)
            {
                var set = sequence.ReadSetOf();
                var attributes = new List<(string, string)>();
                while (set.HasData)
                {
                    var attribute = set.ReadSequence();
                    var oid = attribute.ReadObjectIdentifier();
                    attributes.Add((oid, ReadValue(attribute)));
                }

                rdns.Add(attributes);
            }
        }
        catch (AsnContentException)
        {
            // An undecodable name matches nothing but its raw hex.
            return new DistinguishedName([[("#", Convert.ToHexString(name.RawData))]]);
        }

        rdns.Reverse();
        return new DistinguishedName(rdns);
    }

    /// <summary>Parses <c>CN=agent, O=Example\, Inc., C=US</c> (RFC 4514 escapes and quoted values allowed); null with a reason when malformed.</summary>
    public static DistinguishedName? TryParse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        var rdns = new List<IReadOnlyList<(string, string)>>();
        if (text.Trim().Length == 0)
        {
            problem = "is empty.";
            return null;
        }

        foreach (var rdnText in SplitUnescaped(text, [',', ';']))
        {
            if (rdnText.Trim().Length == 0)
            {
                problem = $"'{text}' has an empty part between separators.";
                return null;
            }

            var attributes = new List<(string, string)>();
            foreach (var pair in SplitUnescaped(rdnText, ['+']))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    problem = $"'{pair.Trim()}' is not TYPE=value (for example CN=build-agent).";
                    return null;
                }

                var type = pair[..equals].Trim();
                var oid = OidOf(type);
                if (oid is null)
                {
                    problem = $"'{type}' is not an attribute type this tool knows; use CN, O, OU, C, L, ST, STREET, DC, UID, E, SERIALNUMBER or a dotted OID.";
                    return null;
                }

                var value = Unescape(pair[(equals + 1)..], out problem);
                if (value is null)
                {
                    return null;
                }

                attributes.Add((oid, value));
            }

            rdns.Add(attributes);
        }

        return new DistinguishedName(rdns);
    }

    public bool Equals(DistinguishedName? other) =>
        other is not null && other._rdns.Count == _rdns.Count
        && _rdns.Zip(other._rdns).All(p => p.First.Count == p.Second.Count && p.First.All(p.Second.Contains));

    public override bool Equals(object? obj) => Equals(obj as DistinguishedName);

    public override int GetHashCode() => _rdns.Count;

    /// <summary>RFC 4514 text, e.g. <c>CN=agent,O=Example,C=US</c>: what to give as x509Subject or x509Issuer.</summary>
    public override string ToString() =>
        string.Join(',', _rdns.Select(rdn => string.Join('+', rdn.Select(a => $"{NameOf(a.Oid)}={Escape(a.Value)}"))));

    private static string ReadValue(AsnReader attribute)
    {
        var tag = attribute.PeekTag();
        if (tag.TagClass == TagClass.Universal)
        {
            var kind = (UniversalTagNumber)tag.TagValue;
            if (kind is UniversalTagNumber.UTF8String or UniversalTagNumber.PrintableString or UniversalTagNumber.IA5String
                or UniversalTagNumber.BMPString or UniversalTagNumber.T61String or UniversalTagNumber.VisibleString or UniversalTagNumber.NumericString)
            {
                return attribute.ReadCharacterString(kind);
            }
        }

        return "#" + Convert.ToHexString(attribute.ReadEncodedValue().Span);
    }

    private static string? OidOf(string type)
    {
        foreach (var (oid, names) in Attributes)
        {
            if (names.Contains(type, StringComparer.OrdinalIgnoreCase))
            {
                return oid;
            }
        }

        var dotted = type.StartsWith("OID.", StringComparison.OrdinalIgnoreCase) ? type[4..] : type;
        return dotted.Length > 0 && dotted.All(c => char.IsAsciiDigit(c) || c == '.') && !dotted.Contains("..", StringComparison.Ordinal) ? dotted : null;
    }

    private static string NameOf(string oid) => Attributes.FirstOrDefault(a => a.Oid == oid).Names?[0] ?? oid;

    private static List<string> SplitUnescaped(string text, char[] separators)
    {
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && separators.Contains(c))
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static string? Unescape(string raw, out string? problem)
    {
        problem = null;
        var text = raw.Trim(' ');
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            return text[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        }

        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
                continue;
            }

            if (i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else if (i + 1 < text.Length)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i + 1].ToString()));
                i++;
            }
            else
            {
                problem = $"'{raw.Trim()}' ends with a lone backslash.";
                return null;
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' || (c is ' ' && (i == 0 || i == value.Length - 1)))
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.ToString();
    }
}
