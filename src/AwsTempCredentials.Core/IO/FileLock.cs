using AwsTempCredentials.Errors;

namespace AwsTempCredentials.IO;

/// <summary>
/// An exclusive lock on <c>&lt;file&gt;.lock</c> next to a file, so runs sharing a home (two jobs on one agent) update
/// the file one at a time. The lock file stays: deleting it would let a waiting run lock a file no longer there.
/// </summary>
public sealed class FileLock : IDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

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

                return new FileLock(new FileStream(lockPath, options));
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

    public void Dispose() => _stream.Dispose();

    // A sharing violation: Windows 32/33; on Unix the errno of a refused flock, EWOULDBLOCK (Linux 11, macOS 35).
    private static bool IsHeldByOther(IOException exception) =>
        exception is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException)
        && (exception.HResult & 0xFFFF) is 11 or 32 or 33 or 35;
}
