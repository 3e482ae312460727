using AwsTempCredentials.Handoff;

namespace AwsTempCredentials.AzureDevOps.LoggingCommands;

/// <summary>
/// Writes Azure Pipelines logging commands (<c>##vso[area.action properties]data</c>), one per line, to the task's
/// standard output, where the agent reads them.
/// </summary>
internal sealed class LoggingCommandWriter(TextWriter output)
{
    public void SetVariable(string name, string value, bool isSecret = false, bool isOutput = false)
    {
        var properties = new List<KeyValuePair<string, string>> { new("variable", name) };
        if (isSecret)
        {
            properties.Add(new("issecret", "true"));
        }

        if (isOutput)
        {
            properties.Add(new("isoutput", "true"));
        }

        Command("task.setvariable", properties, value);
    }

    /// <summary>Registers a value the agent masks in every later log line.</summary>
    public void SetSecret(string value) => Command("task.setsecret", [], value);

    /// <summary>A variable of this task instance, read back by its post-job step as <c>VSTS_TASKVARIABLE_NAME</c>.</summary>
    public void SetTaskVariable(string name, string value) => Command("task.settaskvariable", [new("variable", name)], value);

    public void Complete(TaskResult result, string message) => Command("task.complete", [new("result", result.ToString())], message);

    public void LogIssue(IssueType type, string message) =>
        Command("task.logissue", [new("type", type == IssueType.Error ? "error" : "warning")], message);

    public void UploadSummary(string path) => Command("task.uploadsummary", [], path);

    /// <summary>
    /// Commands rendered now and printed as one hand-off target: the agent acts on a printed line at once, so these
    /// are published last, after every file was written.
    /// </summary>
    public IHandoffTarget Stage(string description, Action<LoggingCommandWriter> write)
    {
        using var buffer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = output.NewLine };
        write(new LoggingCommandWriter(buffer));
        return new PublishedText(description, output, buffer.ToString());
    }

    /// <summary>Shown only when the pipeline runs with <c>system.debug</c>.</summary>
    public void Debug(string message)
    {
        foreach (var line in Lines(message))
        {
            output.WriteLine("##[debug]" + LoggingCommandEscaping.Neutralize(line));
        }
    }

    /// <summary>A plain log line (or several); never read as a command.</summary>
    public void Line(string message)
    {
        foreach (var line in Lines(message))
        {
            output.WriteLine(LoggingCommandEscaping.Neutralize(line));
        }
    }

    private void Command(string name, IReadOnlyList<KeyValuePair<string, string>> properties, string data)
    {
        var text = string.Join(';', properties.Select(p => $"{p.Key}={LoggingCommandEscaping.EscapeProperty(p.Value)}"));
        output.WriteLine($"##vso[{name}{(text.Length > 0 ? " " + text : string.Empty)}]{LoggingCommandEscaping.EscapeData(data)}");
        output.Flush();
    }

    private static string[] Lines(string message) => message.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
