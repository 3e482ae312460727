using System.Text;
using AwsTempCredentials.IO;

namespace AwsTempCredentials.Handoff;

/// <summary>
/// Text appended to a file another process reads after this one ends (a runner's <c>GITHUB_ENV</c>): opened for
/// append when staged, so an unwritable file fails before anything is published; written in one call; rolled back
/// by truncating the file to the length it had when it was opened.
/// </summary>
public sealed class AppendedFile(string description, string path, string text, string hint) : IHandoffTarget
{
    private readonly byte[] _bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
    private FileStream? _stream;
    private long? _originalLength;

    public string Description { get; } = $"{description} ({path})";

    public string? Path => path;

    public string Hint { get; } = hint;

    public void Stage()
    {
        if (_bytes.Length == 0)
        {
            return;
        }

        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _originalLength = _stream.CanSeek ? _stream.Length : null;
    }

    public void Publish()
    {
        if (_stream is null)
        {
            return;
        }

        _stream.Write(_bytes);
        _stream.Flush();
    }

    public string? Rollback()
    {
        if (_stream is null)
        {
            return null;
        }

        if (_originalLength is not { } length)
        {
            // A device or pipe: nothing can be taken back, and a failed write left nothing behind to take.
            return null;
        }

        try
        {
            if (_stream.Length != length)
            {
                _stream.SetLength(length);
            }

            return null;
        }
        catch (Exception e) when (FileProblems.IsFileSystemFailure(e))
        {
            return "could not truncate it back: " + FileProblems.Describe(e, path);
        }
    }

    public void Dispose() => _stream?.Dispose();
}
