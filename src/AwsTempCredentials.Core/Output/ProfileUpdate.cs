using AwsTempCredentials.Errors;
using AwsTempCredentials.IO;

namespace AwsTempCredentials.Output;

/// <summary>
/// A staged change to the shared credentials and config files: both locked, both new contents built from the
/// current files and written to temporary files — nothing visible yet. <see cref="Commit"/> publishes both (one
/// rename each); disposing without committing leaves the old files exactly as they were and removes the temporary
/// files. Locks are held until disposal, so a host can publish its other outputs, and <see cref="Rollback"/> the
/// profile if those fail.
/// </summary>
public sealed class ProfileUpdate : IDisposable
{
    /// <summary>Shared files above this size are refused rather than read (16 MiB).</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    private readonly List<FileLock> _locks = [];
    private readonly List<StagedFile> _staged = [];

    internal ProfileUpdate(IReadOnlyList<(string Path, Action<IniDocument> Change)> edits, TimeSpan lockWait, CancellationToken cancellationToken)
    {
        try
        {
            var targets = edits.Select(e => (Target: StagedFile.ResolveTarget(e.Path), e.Change)).ToList();

            // Always lock in one order, so two runs each holding one lock never wait for each other.
            foreach (var target in targets.Select(t => t.Target).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                _locks.Add(FileLock.Acquire(target, lockWait, cancellationToken));
            }

            foreach (var group in targets.GroupBy(t => t.Target, StringComparer.Ordinal))
            {
                var previous = Read(group.Key);
                var document = IniDocument.Parse(previous ?? string.Empty);
                foreach (var (_, change) in group)
                {
                    change(document);
                }

                _staged.Add(StagedFile.Write(group.Key, document.ToString(), previous));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<string> Files => _staged.Select(s => s.Target).ToList();

    /// <summary>Publishes every staged file; if one cannot be published, those already published are restored.</summary>
    public void Commit()
    {
        try
        {
            foreach (var file in _staged)
            {
                file.Publish();
            }
        }
        catch
        {
            Rollback();
            throw;
        }
    }

    /// <summary>Puts back what the files held before <see cref="Commit"/> (best effort).</summary>
    public void Rollback()
    {
        foreach (var file in _staged)
        {
            file.Restore();
        }
    }

    public void Dispose()
    {
        foreach (var file in _staged)
        {
            file.Dispose();
        }

        foreach (var held in _locks)
        {
            held.Dispose();
        }

        _staged.Clear();
        _locks.Clear();
    }

    private static string? Read(string path)
    {
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                return null;
            }

            if (file.Length > MaxFileBytes)
            {
                throw new PlatformException(
                    $"{path} is larger than 16 MiB; refusing to rewrite it. Nothing was written.",
                    "Check the path names an AWS shared credentials or config file.");
            }

            return File.ReadAllText(path);
        }
        catch (Exception e) when (FileProblems.IsFileSystemFailure(e))
        {
            throw new PlatformException($"Cannot read {path}: {FileProblems.Describe(e, path)}; nothing was written.", "The file must be readable and writable by this user.", e);
        }
    }
}
