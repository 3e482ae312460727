using AwsTempCredentials.IO;

namespace AwsTempCredentials.Handoff;

/// <summary>
/// A whole file written owner-only (0600): staged as a temporary file beside it, published by one rename, rolled
/// back by restoring what the path held before (or removing the file).
/// </summary>
public sealed class NewFile(string description, string path, string content, string hint) : IHandoffTarget
{
    private string? _temporary;
    private string? _previous;
    private bool _existed;

    public string Description { get; } = $"{description} ({path})";

    public string? Path => path;

    public string Hint { get; } = hint;

    public void Stage()
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException($"{path} is a directory.");
        }

        var directory = System.IO.Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        _temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(_temporary, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }

    public void Publish()
    {
        _existed = File.Exists(path);
        _previous = _existed ? File.ReadAllText(path) : null;
        File.Move(_temporary!, path, overwrite: true);
        _temporary = null;
    }

    public string? Rollback()
    {
        try
        {
            if (_previous is not null)
            {
                using var restore = new NewFile(Description, path, _previous, Hint);
                restore.Stage();
                restore.Publish();
            }
            else if (!_existed)
            {
                File.Delete(path);
            }

            return null;
        }
        catch (Exception e) when (FileProblems.IsFileSystemFailure(e))
        {
            return "could not remove or restore it: " + FileProblems.Describe(e, path);
        }
    }

    public void Dispose()
    {
        if (_temporary is not null)
        {
            try
            {
                File.Delete(_temporary);
            }
            catch (Exception e) when (FileProblems.IsFileSystemFailure(e))
            {
            }

            _temporary = null;
        }
    }
}
