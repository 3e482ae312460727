namespace AwsTempCredentials.Testing.GitHub;

/// <summary>
/// Reads <c>::name k=v,…::data</c> lines as the runner does (actions/runner <c>ActionCommand.TryParseV2</c>), and
/// applies <c>::add-mask::</c> the way the runner masks the log: the value and each of its lines.
/// </summary>
public static class WorkflowCommandParser
{
    public static readonly IReadOnlySet<string> KnownCommands = new HashSet<string>(StringComparer.Ordinal)
    {
        "add-mask", "error", "warning", "notice", "debug", "group", "endgroup", "echo", "add-matcher", "remove-matcher",
        "stop-commands", "set-output", "set-env", "add-path", "save-state",
    };

    public static IReadOnlyList<WorkflowCommand> Parse(string log) =>
        log.Split('\n').Select(l => TryParse(l.TrimEnd('\r'))).OfType<WorkflowCommand>().ToList();

    public static WorkflowCommand? TryParse(string line)
    {
        var message = line.TrimStart();
        if (!message.StartsWith("::", StringComparison.Ordinal))
        {
            return null;
        }

        var end = message.IndexOf("::", 2, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var info = message[2..end];
        var space = info.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? info : info[..space];
        if (!KnownCommands.Contains(name))
        {
            return null;
        }

        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (space > 0)
        {
            foreach (var property in info[(space + 1)..].Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var pair = property.Split('=', 2, StringSplitOptions.RemoveEmptyEntries);
                if (pair.Length == 2)
                {
                    properties[pair[0]] = UnescapeProperty(pair[1]);
                }
            }
        }

        return new WorkflowCommand(name, properties, UnescapeData(message[(end + 2)..]), line);
    }

    public static string UnescapeData(string text) =>
        text.Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);

    public static string UnescapeProperty(string text) =>
        text.Replace("%0D", "\r", StringComparison.Ordinal).Replace("%0A", "\n", StringComparison.Ordinal)
            .Replace("%3A", ":", StringComparison.Ordinal).Replace("%2C", ",", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);

    /// <summary>The values the runner would mask after reading this log: each add-mask value and each of its lines.</summary>
    public static IReadOnlySet<string> MaskedValues(string log)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in Parse(log).Where(c => c.Name == "add-mask" && !string.IsNullOrWhiteSpace(c.Data)))
        {
            values.Add(command.Data);
            foreach (var part in command.Data.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                values.Add(part);
            }
        }

        return values;
    }

    /// <summary>True when the line is the add-mask command for this secret (or for a multi-line value holding it as a line).</summary>
    public static bool IsMaskCommandFor(string line, string secret) =>
        TryParse(line) is { Name: "add-mask" } command
        && (command.Data == secret || command.Data.Split(['\r', '\n'], StringSplitOptions.TrimEntries).Contains(secret));
}
