using System.Text;

namespace AwsTempCredentials.Output;

/// <summary>
/// The AWS shared config/credentials INI format, edited section by section: replacing one section leaves every
/// other line exactly as it was. Reading is as tolerant as the AWS CLI and more: comments after a header
/// (<c>[default] # main</c>), extra spaces (<c>[ profile  ci ]</c>), indented sub-settings, CRLF, and lines it cannot
/// make sense of are kept as they are, never an error.
/// </summary>
public sealed class IniDocument
{
    private readonly List<(string? Header, List<string> Lines)> _sections = [];

    private IniDocument()
    {
    }

    public static IniDocument Parse(string text)
    {
        var document = new IniDocument();
        var current = (Header: (string?)null, Lines: new List<string>());
        document._sections.Add(current);
        if (text.Length == 0)
        {
            return document;
        }

        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (HeaderName(line) is { } header)
            {
                current = (header, new List<string>());
                document._sections.Add(current);
            }
            else
            {
                current.Lines.Add(line);
            }
        }

        return document;
    }

    public bool HasSection(string header) => _sections.Exists(s => s.Header == header);

    private void RemoveSection(string header) => _sections.RemoveAll(s => s.Header == header);

    /// <summary>
    /// Edits a section in place (adding it at the end when missing; a repeated section is merged into one): every key
    /// <paramref name="remove"/> names goes — with its indented sub-settings — then <paramref name="values"/> are
    /// set. Other settings (<c>output = table</c>, an <c>s3</c> block), comments and their order stay. A section
    /// left without settings goes, unless <paramref name="keepEmpty"/> (a profile's config header on its own).
    /// </summary>
    public void UpdateSection(string header, IEnumerable<KeyValuePair<string, string>> values, Func<string, bool> remove, bool keepEmpty = false)
    {
        var set = values.ToList();
        var kept = new List<string>();
        var removing = false;
        foreach (var line in _sections.Where(s => s.Header == header).SelectMany(s => s.Lines))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && line.Trim().Length > 0)
            {
                // An indented sub-setting belongs to the key above it.
                if (!removing)
                {
                    kept.Add(line);
                }

                continue;
            }

            if (line.Trim().Length == 0)
            {
                // Blank lines inside the edited section (e.g. where repeated sections met) go; one ends the section.
                continue;
            }

            var key = KeyOf(line);
            removing = key is not null && (remove(key) || set.Exists(v => string.Equals(v.Key, key, StringComparison.OrdinalIgnoreCase)));
            if (!removing)
            {
                kept.Add(line);
            }
        }

        kept.AddRange(set.Select(v => $"{v.Key} = {v.Value}"));
        if (!keepEmpty && !kept.Exists(l => KeyOf(l) is not null))
        {
            RemoveSection(header);
            return;
        }

        kept.Add(string.Empty);
        var index = _sections.FindIndex(s => s.Header == header);
        if (index < 0)
        {
            var last = _sections[^1].Lines;
            if (last.Count > 0 && last[^1].Length != 0)
            {
                last.Add(string.Empty);
            }

            _sections.Add((header, kept));
            return;
        }

        _sections[index] = (header, kept);
        for (var i = _sections.Count - 1; i > index; i--)
        {
            if (_sections[i].Header == header)
            {
                _sections.RemoveAt(i);
            }
        }
    }

    /// <summary>The key of a top-level <c>key = value</c> line, lower-cased; null for comments, blank and other lines.</summary>
    private static string? KeyOf(string line)
    {
        var trimmed = line.TrimStart();
        var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
        return trimmed.Length == 0 || trimmed[0] is '#' or ';' || equals <= 0 ? null : trimmed[..equals].Trim().ToLowerInvariant();
    }

    /// <summary>The section name of a header line (<c>[name]</c>, optionally followed by a comment), whitespace normalized; null for any other line.</summary>
    private static string? HeaderName(string line)
    {
        var trimmed = line.Trim();
        var close = trimmed.IndexOf(']', StringComparison.Ordinal);
        if (!trimmed.StartsWith('[') || close < 0)
        {
            return null;
        }

        var rest = trimmed[(close + 1)..].TrimStart();
        if (rest.Length > 0 && rest[0] is not ('#' or ';'))
        {
            return null;
        }

        return string.Join(' ', trimmed[1..close].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var (header, lines) in _sections)
        {
            if (header is not null)
            {
                builder.Append('[').Append(header).Append("]\n");
            }

            foreach (var line in lines)
            {
                builder.Append(line).Append('\n');
            }
        }

        var text = builder.ToString().TrimEnd('\n');
        return text.Length == 0 ? string.Empty : text + "\n";
    }
}
