using AwsTempCredentials.Errors;

namespace AwsTempCredentials.IO;

/// <summary>
/// New content for a file, written to a temporary file in the same directory (mode 0600) and published by one
/// rename. Until <see cref="Publish"/>, the target is untouched; disposing an unpublished stage removes the
/// temporary file. After publishing, <see cref="Restore"/> puts the previous content back.
/// </summary>
public sealed class StagedFile : IDisposable
{
    private readonly string? _previous;
    private string? _temporary;

    private StagedFile(string target, string temporary, string? previous)
    {
        Target = target;
        _temporary = temporary;
        _previous = previous;
    }

    /// <summary>The file that will be replaced (symbolic links followed: the link stays, its target gets the content).</summary>
    public string Target { get; }

    public bool Published { get; private set; }

    /// <summary>Checks the target can be replaced and writes the temporary file.</summary>
    /// <param name="previous">The target's current content (null when absent), for <see cref="Restore"/>.</param>
    public static StagedFile Write(string path, string content, string? previous = null)
    {
        var target = ResolveTarget(path);
        var directory = Path.GetDirectoryName(target)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            return new StagedFile(target, temporary, previous);
        }
        catch (Exception e) when (FileProblems.IsFileSystemFailure(e))
        {
            TryDelete(temporary);
            throw new PlatformException(
                $"Cannot write {target}: {FileProblems.Describe(e, directory)}; nothing was written.",
                "The file's directory must exist or be creatable, and be writable by this user.", e);
        }
    }

    /// <summary>The path to write for <paramref name="path"/>: its final link target; refuses anything but a regular file or nothing.</summary>
    public static string ResolveTarget(string path)
    {
        var full = Path.GetFullPath(path);
        var target = FileKinds.FinalTarget(full);

        // Walk up to the first part of the path that exists: it must be a directory for the file to be created.
        for (var parent = Path.GetDirectoryName(target); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (Directory.Exists(parent))
            {
                break;
            }

            if (File.Exists(parent))
            {
                throw new PlatformException(
                    $"{full} cannot be created: {parent} is not a directory. Nothing was written.",
                    "Point the option or variable (e.g. --credentials-file, AWS_SHARED_CREDENTIALS_FILE) at a file in a directory.");
            }
        }

        var kind = FileKinds.Of(target);
        if (kind is FileKind.Directory or FileKind.Special)
        {
            throw new PlatformException(
                $"{full} is {(kind == FileKind.Directory ? "a directory" : "not a regular file (a device, FIFO or socket)")}; refusing to replace it with a file holding credentials. Nothing was written.",
                "Point the option or variable (e.g. --credentials-file, AWS_SHARED_CREDENTIALS_FILE) at a regular file, or leave the profile out.");
        }

        return target;
    }

    /// <summary>Replaces the target with the staged content in one rename.</summary>
    public void Publish()
    {
        ObjectDisposedException.ThrowIf(_temporary is null, this);
        try
        {
            File.Move(_temporary, Target, overwrite: true);
        }
        catch (Exception e) when (FileProblems.IsFileSystemFailure(e))
        {
            throw new PlatformException($"Cannot replace {Target}: {FileProblems.Describe(e, Target)}.", "The file's directory must be writable by this user.", e);
        }

        _temporary = null;
        Published = true;
    }

    /// <summary>After <see cref="Publish"/>: the previous content back (or no file, if there was none). Best effort.</summary>
    public void Restore()
    {
        if (!Published)
        {
            return;
        }

        try
        {
            if (_previous is null)
            {
                File.Delete(Target);
            }
            else
            {
                using var back = Write(Target, _previous);
                back.Publish();
            }
        }
        catch (Exception e) when (FileProblems.IsFileSystemFailure(e) || e is PlatformException)
        {
        }

        Published = false;
    }

    public void Dispose()
    {
        if (_temporary is { } temporary)
        {
            TryDelete(temporary);
            _temporary = null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (FileProblems.IsFileSystemFailure(e))
        {
        }
    }
}
