using AwsTempCredentials.Reporting;

namespace AwsTempCredentials.Tests.Core;

/// <summary>An <see cref="IReporter"/> that keeps what the core registered and reported, for in-process tests.</summary>
internal sealed class RecordingReporter : IReporter
{
    public List<string> Secrets { get; } = [];

    public List<string> Progress { get; } = [];

    public void RegisterSecret(string value) => Secrets.Add(value);

    public void Debug(string message)
    {
    }

    public void Info(string message)
    {
    }

    public void Warning(string message)
    {
    }

    void IReporter.Progress(string message) => Progress.Add(message);
}
