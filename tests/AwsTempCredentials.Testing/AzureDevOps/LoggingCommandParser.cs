namespace AwsTempCredentials.Testing.AzureDevOps;

/// <summary>
/// Reads a task's stdout as the agent does (azure-pipelines-agent Command.TryParse): a command is
/// <c>##vso[area.action k=v;k=v]data</c> anywhere in a line; values are unescaped (<c>%3B</c> <c>%5D</c> <c>%0D</c>
/// <c>%0A</c>, then <c>%AZP25</c>). Computes what later steps of the job see: plain variables only, named upper-case
/// with '.' and ' ' as '_'; secret variables never reach a later step's environment.
/// </summary>
public sealed class LoggingCommandParser
{
    private const string Prefix = "##vso[";

    private LoggingCommandParser(IReadOnlyList<LoggingCommand> commands, IReadOnlyList<string> plainLines)
    {
        Commands = commands;
        PlainLines = plainLines;
    }

    public IReadOnlyList<LoggingCommand> Commands { get; }

    /// <summary>Lines that are not commands (what the log shows, once masked).</summary>
    public IReadOnlyList<string> PlainLines { get; }

    public static LoggingCommandParser Parse(string stdout)
    {
        var commands = new List<LoggingCommand>();
        var plain = new List<string>();
        foreach (var rawLine in stdout.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (TryParse(rawLine) is { } command)
            {
                commands.Add(command);
            }
            else if (rawLine.Length > 0)
            {
                plain.Add(rawLine);
            }
        }

        return new LoggingCommandParser(commands, plain);
    }

    public static LoggingCommand? TryParse(string line)
    {
        var start = line.IndexOf(Prefix, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return null;
        }

        var end = line.IndexOf(']', start + Prefix.Length);
        if (end < 0)
        {
            return null;
        }

        var header = line[(start + Prefix.Length)..end];
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? header : header[..space];
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (space >= 0)
        {
            foreach (var pair in header[(space + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    properties[pair[..equals].Trim()] = Unescape(pair[(equals + 1)..]);
                }
            }
        }

        return new LoggingCommand(name, properties, Unescape(line[(end + 1)..]), line);
    }

    public static string Unescape(string value) => value
        .Replace("%3B", ";", StringComparison.Ordinal)
        .Replace("%5D", "]", StringComparison.Ordinal)
        .Replace("%0D", "\r", StringComparison.Ordinal)
        .Replace("%0A", "\n", StringComparison.Ordinal)
        .Replace("%AZP25", "%", StringComparison.Ordinal);

    public IEnumerable<LoggingCommand> Named(string name) => Commands.Where(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<LoggingCommand> SetVariables => Named("task.setvariable");

    /// <summary>The last value set for a variable (by its name as written), or null.</summary>
    public LoggingCommand? Variable(string name) => SetVariables.LastOrDefault(c => c.Property("variable") == name);

    /// <summary>Values registered with setsecret or set as secret variables: the agent masks them from then on.</summary>
    public IReadOnlyList<string> MaskedValues =>
        Named("task.setsecret").Select(c => c.Data).Concat(SetVariables.Where(c => c.Flag("issecret")).Select(c => c.Data)).ToList();

    public IReadOnlyDictionary<string, string> TaskVariables =>
        Named("task.settaskvariable").GroupBy(c => c.Property("variable")!).ToDictionary(g => g.Key, g => g.Last().Data, StringComparer.Ordinal);

    public IReadOnlyList<string> Errors => Named("task.logissue").Where(c => c.Property("type") == "error").Select(c => c.Data).ToList();

    public IReadOnlyList<string> Warnings => Named("task.logissue").Where(c => c.Property("type") == "warning").Select(c => c.Data).ToList();

    public string? Result => Named("task.complete").LastOrDefault()?.Property("result");

    /// <summary>What a later step's environment gains from this step: plain variables only, env-style names.</summary>
    public IReadOnlyDictionary<string, string> LaterStepVariables()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var command in SetVariables)
        {
            var name = AgentEnvironment.VariableName(command.Property("variable") ?? string.Empty);
            if (command.Flag("issecret"))
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = command.Data;
            }
        }

        return variables;
    }

    /// <summary>
    /// True when this stdout line is one the agent treats as registering <paramref name="secret"/> (setsecret, or a
    /// secret variable's value): such lines are consumed, not shown.
    /// </summary>
    public static bool IsMaskCommand(string line, string secret) =>
        TryParse(line) is { } command && command.Data == secret
        && (string.Equals(command.Name, "task.setsecret", StringComparison.OrdinalIgnoreCase)
            || (string.Equals(command.Name, "task.setvariable", StringComparison.OrdinalIgnoreCase) && command.Flag("issecret")));
}
