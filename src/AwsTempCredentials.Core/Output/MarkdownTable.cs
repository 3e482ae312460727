using System.Text;

namespace AwsTempCredentials.Output;

/// <summary>A two-column Markdown table under a heading, for CI run summaries, with notes below it. Values cannot break the table.</summary>
public sealed class MarkdownTable(string heading)
{
    private readonly StringBuilder _rows = new();
    private readonly StringBuilder _notes = new();

    public MarkdownTable Row(string label, string value)
    {
        _rows.Append("| ").Append(label).Append(" | ").Append(Cell(value)).Append(" |\n");
        return this;
    }

    public MarkdownTable Rows(IEnumerable<(string Label, string Value)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var (label, value) in rows)
        {
            Row(label, value);
        }

        return this;
    }

    /// <summary>A paragraph under the table; nothing for null.</summary>
    public MarkdownTable Note(string? text)
    {
        if (text is not null)
        {
            _notes.Append(Cell(text)).Append("\n\n");
        }

        return this;
    }

    /// <summary>Escapes a value for one table cell: pipes escaped, line breaks folded.</summary>
    public static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    public override string ToString() => $"### {heading}\n\n| | |\n| --- | --- |\n{_rows}\n{_notes}";
}
