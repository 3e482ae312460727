using System.Text;

namespace AwsTempCredentials.Output;

/// <summary>
/// The AWS shared config/credentials INI format, edited section by section: replacing one section leaves every
/// other line exactly as it was.
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
            var trimmed = line.Trim();
            if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
            {
                current = (trimmed[1..^1].Trim(), new List<string>());
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

    /// <summary>Replaces the section (or adds it at the end) with these keys.</summary>
    public void SetSection(string header, IEnumerable<KeyValuePair<string, string>> values)
    {
        var lines = values.Select(v => $"{v.Key} = {v.Value}").ToList();
        lines.Add(string.Empty);
        var index = _sections.FindIndex(s => s.Header == header);
        if (index >= 0)
        {
            _sections[index] = (header, lines);
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
