namespace AwsTempCredentials.Reporting;

/// <summary>Discards everything; for library callers that report nothing.</summary>
public sealed class NullReporter : IReporter
{
    public static NullReporter Instance { get; } = new();

    public void RegisterSecret(string value)
    {
    }

    public void Debug(string message)
    {
    }

    public void Info(string message)
    {
    }

    public void Warning(string message)
    {
    }
}
