namespace AwsTempCredentials.Handoff;

/// <summary>
/// Lines a CI agent reads from the process output (logging commands that set variables): rendered when staged,
/// written in one call as the last publish. Printed lines cannot be taken back, so this target goes last.
/// </summary>
public sealed class PublishedText(string description, TextWriter output, string text) : IHandoffTarget
{
    public string Description { get; } = description;

    public string? Path => null;

    public string Hint => "The agent reads the task's standard output; check that it was not closed or redirected.";

    public void Stage()
    {
    }

    public void Publish()
    {
        output.Write(text);
        output.Flush();
    }

    public string? Rollback() => null;

    public void Dispose()
    {
    }
}
