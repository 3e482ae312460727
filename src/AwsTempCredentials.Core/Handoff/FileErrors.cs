namespace AwsTempCredentials.Handoff;

/// <summary>
/// A file-system failure in plain words. The exception's own message is not used: the published executable carries
/// resource keys (<c>UnauthorizedAccess_IODenied_Path</c>) instead of sentences.
/// </summary>
public static class FileErrors
{
    private const int NoSpace = 28;
    private const int ReadOnlyFileSystem = 30;
    private const int IsDirectory = 21;
    private const int QuotaExceeded = 122;

    public static bool IsFileError(Exception exception) => exception is IOException or UnauthorizedAccessException;

    public static string Describe(Exception exception, string path)
    {
        if (path.Length > 0 && Directory.Exists(path))
        {
            return "it is a directory, not a file";
        }

        if (path.Length > 0 && BlockingFile(path) is { } blocker)
        {
            return $"{blocker} is a file, where a directory is needed";
        }

        return exception switch
        {
            UnauthorizedAccessException => "permission denied",
            DirectoryNotFoundException => "its directory does not exist",
            FileNotFoundException => "it does not exist",
            PathTooLongException => "the path is too long",
            IOException io => Errno(io) switch
            {
                NoSpace or QuotaExceeded => "no space left on the device",
                ReadOnlyFileSystem => "the file system is read-only",
                IsDirectory => "it is a directory, not a file",
                { } code => $"an I/O error (errno {code})",
                null => "an I/O error",
            },
            _ => "an unexpected file error",
        };
    }

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

    /// <summary>On Unix .NET puts the errno in the low bits of HResult for errors it has no exception type for.</summary>
    private static int? Errno(IOException exception)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var code = exception.HResult & 0xFFFF;
        return code is > 0 and < 4096 ? code : null;
    }
}
