using System.Text;

namespace AwsTempCredentials.GitHub;

/// <summary>
/// Workflow commands on stdout (<c>::name key=value::data</c>), one per line, flushed at once so an
/// <c>::add-mask::</c> always reaches the runner before any later line that could hold the value.
/// </summary>
internal sealed class WorkflowCommandWriter(TextWriter output)
{
    private readonly HashSet<string> _masked = new(StringComparer.Ordinal);

    /// <summary>Masks a value in every later log line; the runner also masks each of its lines.</summary>
    public void AddMask(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || !_masked.Add(value))
        {
            return;
        }

        Command("add-mask", null, value);
    }

    public void Error(string message, string? title = null) => Command("error", title is null ? null : [new("title", title)], message);

    public void Warning(string message) => Command("warning", null, message);

    public void Notice(string message) => Command("notice", null, message);

    public void Debug(string message) => Command("debug", null, message);

    /// <summary>A plain log line; a line that would read as a command is not one.</summary>
    public void Info(string message) =>
        Line(string.Join('\n', message.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n')
            .Select(l => l.TrimStart().StartsWith("::", StringComparison.Ordinal) ? " " + l : l)));

    public void Command(string name, IReadOnlyList<KeyValuePair<string, string>>? properties, string data)
    {
        var line = new StringBuilder("::").Append(name);
        if (properties is { Count: > 0 })
        {
            line.Append(' ').AppendJoin(',', properties.Select(p => $"{p.Key}={WorkflowCommandEscaping.Property(p.Value)}"));
        }

        line.Append("::").Append(WorkflowCommandEscaping.Data(data));
        Line(line.ToString());
    }

    private void Line(string line)
    {
        lock (_masked)
        {
            output.Write(line);
            output.Write('\n');
            output.Flush();
        }
    }
}
