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

    /// <summary>Replaces the section (or adds it at the end) with these keys; a repeated section is merged into one.</summary>
    public void SetSection(string header, IEnumerable<KeyValuePair<string, string>> values)
    {
        var lines = values.Select(v => $"{v.Key} = {v.Value}").ToList();
        lines.Add(string.Empty);
        var index = _sections.FindIndex(s => s.Header == header);
        if (index >= 0)
        {
            _sections[index] = (header, lines);
            for (var i = _sections.Count - 1; i > index; i--)
            {
                if (_sections[i].Header == header)
                {
                    _sections.RemoveAt(i);
                }
            }
        }
        else
        {
            var last = _sections[^1].Lines;
            if (last.Count > 0 && last[^1].Length != 0)
            {
                last.Add(string.Empty);
            }

            _sections.Add((header, lines));
        }
    }

    public void RemoveSection(string header) => _sections.RemoveAll(s => s.Header == header);

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

        return builder.ToString().TrimEnd('\n') + "\n";
    }
}
