using AwsTempCredentials.AzureDevOps.LoggingCommands;
using AwsTempCredentials.Output;

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

    /// <summary>Records and writes a file readable by its owner only.</summary>
    public string Write(string fileName, string content)
    {
        var path = Record(fileName);
        AwsProfileWriter.WriteAtomically(path, content);
        return path;
    }
}
