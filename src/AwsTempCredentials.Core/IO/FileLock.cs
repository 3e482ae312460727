using AwsTempCredentials.Errors;

namespace AwsTempCredentials.IO;

/// <summary>
/// An exclusive lock on <c>&lt;file&gt;.lock</c> next to a file, so runs sharing a home (two jobs on one agent) update
/// the file one at a time. The holder deletes the lock file before it lets go; a waiter that then gets the lock on
/// the deleted file sees the path gone and tries again, so nothing is left behind in the directory.
/// </summary>
public sealed class FileLock : IDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly FileStream _stream;
    private readonly string _path;

    private FileLock(FileStream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    /// <summary>Waits up to <paramref name="wait"/> for the lock, then fails with a message naming the lock file.</summary>
    public static FileLock Acquire(string path, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var lockPath = path + ".lock";
        var started = DateTime.UtcNow;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Unix and a sharing lock on Windows.
                var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(lockPath))!);
                var stream = new FileStream(lockPath, options);
                if (File.Exists(lockPath))
                {
                    return new FileLock(stream, lockPath);
                }

                // The previous holder deleted the file this lock is on: lock the current one instead.
                stream.Dispose();
                continue;
            }
            catch (IOException e) when (IsHeldByOther(e))
            {
                if (DateTime.UtcNow - started > wait)
                {
                    throw new PlatformException(
                        $"Another run has held the lock {lockPath} for more than {wait.TotalSeconds:0} s; nothing was written.",
                        "Another aws-temp-credentials run is writing the same profile files; run again, or write to separate files (--credentials-file, --config-file).", e);
                }

                Thread.Sleep(Random.Shared.Next(20, 60));
            }
            catch (Exception e) when (FileProblems.IsFileSystemFailure(e))
            {
                throw new PlatformException(
                    $"Cannot create the lock file {lockPath}: {FileProblems.Describe(e, lockPath)}; nothing was written.",
                    "The profile files' directory must be writable by this user.", e);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_path);
        }
        catch (Exception e) when (FileProblems.IsFileSystemFailure(e))
        {
        }

        _stream.Dispose();
    }

    // A sharing violation: Windows 32/33; on Unix the errno of a refused flock, EWOULDBLOCK (Linux 11, macOS 35).
    private static bool IsHeldByOther(IOException exception) =>
        exception is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException)
        && (exception.HResult & 0xFFFF) is 11 or 32 or 33 or 35;
}
