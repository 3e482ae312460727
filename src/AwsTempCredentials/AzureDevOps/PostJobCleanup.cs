using AwsTempCredentials.AzureDevOps.Export;
using AwsTempCredentials.AzureDevOps.LoggingCommands;

namespace AwsTempCredentials.AzureDevOps;

/// <summary>
/// <c>azure-devops post</c>: removes the files the main step recorded (<c>VSTS_TASKVARIABLE_AWSTC_FILE_*</c>). When the
/// main step wrote nothing (skipped, failed early) there is nothing recorded and nothing to do. Never fails the job.
/// </summary>
internal static class PostJobCleanup
{
    public static int Run(Func<string, string?> environment, IEnumerable<string> variableNames, LoggingCommandWriter commands)
    {
        const string prefix = "VSTS_TASKVARIABLE_" + TaskFiles.TaskVariablePrefix;
        var paths = variableNames
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(environment)
            .OfType<string>()
            .Where(p => p.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (paths.Count == 0)
        {
            commands.Debug("The main step wrote no files; nothing to clean up.");
            return 0;
        }

        var removed = 0;
        foreach (var path in paths)
        {
            if (Path.GetFileName(Path.GetDirectoryName(path)) != TaskFiles.DirectoryName)
            {
                commands.LogIssue(IssueType.Warning, $"Not removing '{path}': it is not in an {TaskFiles.DirectoryName} directory.");
                continue;
            }

            try
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                    removed++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                commands.LogIssue(IssueType.Warning, $"Could not remove '{path}': {e.Message}");
            }
        }

        foreach (var directory in paths.Select(Path.GetDirectoryName).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }

        commands.Line($"Removed {removed} credential file(s) written by this task.");
        return 0;
    }
}
