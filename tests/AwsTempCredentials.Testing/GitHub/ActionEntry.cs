using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Testing.GitHub;

/// <summary>How the runner starts the action's executable: the two GitHub actions share every end-to-end case.</summary>
public enum ActionEntry
{
    /// <summary>The container action's exec-form entrypoint, <c>aws-temp-credentials github</c>, with the step's environment.</summary>
    Entrypoint,

    /// <summary>The JavaScript action: <c>node main.js</c>, whose launcher picks and starts the executable.</summary>
    NodeLauncher,

    /// <summary>
    /// The JavaScript action on a Windows runner: <c>node main.js</c> seeing win32/x64, so that its launcher starts
    /// bin/win-x64/aws-temp-credentials.exe, with Windows paths in the step's environment (under wine here, see
    /// <see cref="WindowsRunnerUnderWine"/>).
    /// </summary>
    WindowsNodeLauncher,
}

public static class ActionEntryExtensions
{
    /// <summary>Runs the action's main step on this runner environment through the given entry.</summary>
    public static Task<ProcessResult> RunStepAsync(this RunnerEnvironment runner, ActionEntry entry, TimeSpan? timeout = null) =>
        entry switch
        {
            ActionEntry.Entrypoint => runner.RunEntrypointAsync(timeout),
            ActionEntry.NodeLauncher => JavaScriptAction.RunMainAsync(runner, timeout),
            ActionEntry.WindowsNodeLauncher => WindowsRunnerUnderWine.RunMainAsync(runner, timeout),
            _ => throw new ArgumentOutOfRangeException(nameof(entry), entry, null),
        };
}
