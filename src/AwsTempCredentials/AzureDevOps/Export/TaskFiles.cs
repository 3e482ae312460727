using AwsTempCredentials.AzureDevOps.LoggingCommands;
using AwsTempCredentials.Handoff;

namespace AwsTempCredentials.AzureDevOps.Export;

/// <summary>
/// Files the task writes, all in <c>$(Agent.TempDirectory)/aws-temp-credentials</c> (0700; files 0600). Each is recorded
/// with <c>task.settaskvariable</c> before it is written, so the post-job step removes it even after a failure.
/// </summary>
internal sealed class TaskFiles(string agentTempDirectory, LoggingCommandWriter commands)
{
    public const string DirectoryName = "aws-temp-credentials";
    public const string TaskVariablePrefix = "AWSTC_FILE_";

    private int _count;

    public string Directory { get; } = Path.Combine(agentTempDirectory, DirectoryName);

    public string PathOf(string fileName) => Path.Combine(Directory, fileName);

    /// <summary>Creates the directory (owner only) and records a file the caller is about to write.</summary>
    public string Record(string fileName)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(Directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var path = PathOf(fileName);
        commands.SetTaskVariable(TaskVariablePrefix + ++_count, path);
        return path;
    }

    /// <summary>Records a file readable by its owner only and stages it in the hand-off (written when it commits).</summary>
    public string Stage(CredentialHandoff handoff, string fileName, string content)
    {
        var path = Record(fileName);
        handoff.Add(new NewFile($"the task's file '{fileName}'", path, content, Hint));
        return path;
    }

    /// <summary>What to check when a file in the agent's temp directory cannot be written.</summary>
    public const string Hint = "The agent's temp directory (Agent.TempDirectory) must be writable by the agent's user and have space left.";
}
