namespace AwsTempCredentials.GitHub;

/// <summary>
/// <c>github post</c>: the JavaScript action's <c>post:</c> step. Removes the directory the main step recorded in
/// <c>GITHUB_STATE</c> (read back as <c>STATE_&lt;name&gt;</c>) for <c>refresh</c>, and only when it lies in the
/// runner's temp directory. When the main step recorded nothing (no refresh, skipped, failed early) there is nothing
/// to do. Never fails the job.
/// </summary>
internal static class GitHubPostStep
{
    /// <summary>The state name the main step saves the directory under.</summary>
    public const string FilesDirectoryState = "aws-temp-credentials-files";

    public static int Run(Func<string, string?> environment, WorkflowCommandWriter commands)
    {
        var directory = environment("STATE_" + FilesDirectoryState);
        if (string.IsNullOrEmpty(directory))
        {
            commands.Debug("The main step left nothing on the runner; nothing to clean up.");
            return 0;
        }

        var runnerTemp = environment("RUNNER_TEMP");
        if (string.IsNullOrEmpty(runnerTemp) || !IsInside(directory, runnerTemp))
        {
            commands.Warning($"Not removing '{directory}': it is not in the runner's temp directory (RUNNER_TEMP).");
            return 0;
        }

        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
                commands.Info($"Removed '{directory}' (the refreshing profile and what it needed).");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            commands.Warning($"Could not remove '{directory}': {e.Message}");
        }

        return 0;
    }

    private static bool IsInside(string path, string parent)
    {
        var full = Path.GetFullPath(path);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(parent)) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
