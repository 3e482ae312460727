using System.Text;

namespace AwsTempCredentials.Output;

/// <summary>A two-column Markdown table under a heading, for CI run summaries. Values cannot break the table.</summary>
public sealed class MarkdownTable(string heading)
{
    private readonly StringBuilder _rows = new();

    public MarkdownTable Row(string label, string value)
    {
        _rows.Append("| ").Append(label).Append(" | ").Append(Cell(value)).Append(" |\n");
        return this;
    }

    /// <summary>Escapes a value for one table cell: pipes escaped, line breaks folded.</summary>
    public static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    public override string ToString() => $"### {heading}\n\n| | |\n| --- | --- |\n{_rows}\n";
}
