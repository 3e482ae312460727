namespace AwsTempCredentials.Reporting;

/// <summary>
/// Where the core sends what the user should see. Each host renders it its own way (stderr, GitHub workflow
/// commands, Azure DevOps logging commands). <see cref="RegisterSecret"/> is called before any value could be printed.
/// </summary>
public interface IReporter
{
    /// <summary>Tells the host to mask this value in every later log line.</summary>
    void RegisterSecret(string value);

    void Debug(string message);

    void Info(string message);

    /// <summary>Why the run is waiting (throttling, retries): shown even where info lines are not.</summary>
    void Progress(string message) => Info(message);

    void Warning(string message);
}
