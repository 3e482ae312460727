using System.Text;

namespace AwsTempCredentials.GitHub;

/// <summary>
/// Workflow commands on stdout (<c>::name key=value::data</c>), one per line, flushed at once so an
/// <c>::add-mask::</c> always reaches the runner before any later line that could hold the value. Every other line
/// is also masked here, as the runner would mask it, so a value never leaves the process in clear.
/// </summary>
internal sealed class WorkflowCommandWriter(TextWriter output)
{
    private readonly HashSet<string> _masked = new(StringComparer.Ordinal);
    private string[] _ordered = [];

    /// <summary>Masks a value in every later log line; the runner also masks each of its lines.</summary>
    public void AddMask(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || _masked.Contains(value))
        {
            return;
        }

        Write("::add-mask::" + WorkflowCommandEscaping.Data(value));
        lock (_masked)
        {
            _masked.Add(value);
            foreach (var line in value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                _masked.Add(line);
            }

            _ordered = _masked.OrderByDescending(v => v.Length).ToArray();
        }
    }

    public void Error(string message, string? title = null) => Command("error", title is null ? null : [new("title", title)], message);

    public void Warning(string message) => Command("warning", null, message);

    public void Notice(string message) => Command("notice", null, message);

    public void Debug(string message) => Command("debug", null, message);

    /// <summary>A plain log line; a line that would read as a command (the runner trims leading spaces) is quoted with "> ".</summary>
    public void Info(string message) =>
        Write(string.Join('\n', Mask(message).Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n')
            .Select(l => l.TrimStart().StartsWith("::", StringComparison.Ordinal) ? "> " + l : l)));

    public void Command(string name, IReadOnlyList<KeyValuePair<string, string>>? properties, string data)
    {
        var line = new StringBuilder("::").Append(name);
        if (properties is { Count: > 0 })
        {
            line.Append(' ').AppendJoin(',', properties.Select(p => $"{p.Key}={WorkflowCommandEscaping.Property(Mask(p.Value))}"));
        }

        line.Append("::").Append(WorkflowCommandEscaping.Data(Mask(data)));
        Write(line.ToString());
    }

    /// <summary>Replaces every masked value (longest first) with <c>***</c>, as the runner does.</summary>
    public string Mask(string text)
    {
        foreach (var value in Volatile.Read(ref _ordered))
        {
            text = text.Replace(value, "***", StringComparison.Ordinal);
        }

        return text;
    }

    private void Write(string line)
    {
        lock (_masked)
        {
            output.Write(line);
            output.Write('\n');
            output.Flush();
        }
    }
}
