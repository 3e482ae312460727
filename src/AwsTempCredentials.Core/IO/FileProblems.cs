namespace AwsTempCredentials.IO;

/// <summary>
/// Plain words for why a file operation failed, from the exception's type and error number — never its message:
/// the published binary is built with system resource keys, so .NET messages read like "UnauthorizedAccess_IODenied_Path",
/// and messages of foreign code may quote file content.
/// </summary>
public static class FileProblems
{
    /// <summary>"permission denied", "no such file or directory", "is a directory", … for an I/O failure on <paramref name="path"/>.</summary>
    public static string Describe(Exception exception, string? path = null)
    {
        if (!string.IsNullOrEmpty(path) && Directory.Exists(path))
        {
            return "it is a directory";
        }

        if (!string.IsNullOrEmpty(path) && BlockingFile(path) is { } blocker)
        {
            return $"{blocker} is a file, where a directory is needed";
        }

        return exception switch
        {
            FileNotFoundException => "no such file or directory",
            DirectoryNotFoundException => "its directory does not exist",
            PathTooLongException => "the path is too long",
            UnauthorizedAccessException => path is not null && IsReadOnlyFileSystem(path) ? "read-only file system" : "permission denied",
            IOException io => FromErrorNumber(io.HResult),
            _ => "the file system refused the operation",
        };
    }

    /// <summary>Whether the failure is one of the file-system kinds <see cref="Describe"/> knows.</summary>
    public static bool IsFileSystemFailure(Exception exception) => exception is IOException or UnauthorizedAccessException;

    /// <summary>A regular file standing where one of the path's directories should be, or null.</summary>
    internal static string? BlockingFile(string path)
    {
        for (var parent = Path.GetDirectoryName(Path.GetFullPath(path)); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
            {
                return parent;
            }
        }

        return null;
    }

    // On Unix, .NET keeps the errno as the HResult of the IOExceptions it has no more specific type for.
    private static string FromErrorNumber(int hresult) => (hresult & 0xFFFF) switch
    {
        5 when !OperatingSystem.IsWindows() => "input/output error",
        17 when !OperatingSystem.IsWindows() => "the file already exists",
        20 when !OperatingSystem.IsWindows() => "a part of the path is not a directory",
        21 when !OperatingSystem.IsWindows() => "it is a directory",
        28 when !OperatingSystem.IsWindows() => "no space left on the device",
        30 when !OperatingSystem.IsWindows() => "read-only file system",
        40 when !OperatingSystem.IsWindows() => "too many levels of symbolic links",
        122 when !OperatingSystem.IsWindows() => "disk quota exceeded",
        32 or 33 => "another process is using the file",
        112 => "no space left on the device",
        _ => "input/output error",
    };

    private static bool IsReadOnlyFileSystem(string path)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            return directory is not null && IsMountedReadOnly(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    // /proc/self/mountinfo lists "ro" for read-only mounts; elsewhere we cannot tell and say "permission denied".
    private static bool IsMountedReadOnly(string directory)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/mountinfo"))
        {
            return false;
        }

        var best = (Mount: string.Empty, ReadOnly: false);
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ');
            if (fields.Length < 6)
            {
                continue;
            }

            var mount = fields[4].Replace("\\040", " ", StringComparison.Ordinal);
            var inside = directory == mount || directory.StartsWith(mount.TrimEnd('/') + "/", StringComparison.Ordinal);
            if (inside && mount.Length >= best.Mount.Length)
            {
                best = (mount, fields[5].Split(',').Contains("ro"));
            }
        }

        return best.ReadOnly;
    }
}
