using System.Formats.Tar;

namespace AwsTempCredentials.IO;

/// <summary>What a path names, so a device (<c>/dev/null</c>), FIFO or directory is never replaced by a file.</summary>
public enum FileKind
{
    Absent,
    Regular,
    Directory,

    /// <summary>A device, FIFO or socket.</summary>
    Special,
}

/// <summary>Finds the <see cref="FileKind"/> of a path, following symbolic links.</summary>
public static class FileKinds
{
    private const int TypeFlagOffset = 156;

    public static FileKind Of(string path)
    {
        if (Directory.Exists(path))
        {
            return FileKind.Directory;
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            // A dangling link is absent too: writing through it creates its target.
            return FileKind.Absent;
        }

        // Devices, FIFOs and sockets report size 0; a regular file with content needs no closer look.
        return file.Length > 0 ? FileKind.Regular : TypeFromTarHeader(path);
    }

    /// <summary>The file a path finally names: its last symbolic link target, or the path itself (also when it does not exist).</summary>
    public static string FinalTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is null ? path : File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A loop or an unreadable link: let the write itself report the problem in words.
            return path;
        }
    }

    // .NET has no API for a file's type, but the tar writer reads it (lstat) to fill the header's type flag: write
    // just the header of an entry for the path and read the flag back. No file content is read for an empty file.
    private static FileKind TypeFromTarHeader(string path)
    {
        var target = FinalTarget(path);
        var header = new HeaderCapture();
        try
        {
            using var writer = new TarWriter(header, TarEntryFormat.Ustar, leaveOpen: true);
            writer.WriteEntry(target, "entry");
        }
        catch (HeaderCapture.EnoughException)
        {
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // Sockets are refused by the tar writer; unreadable files are not ours to replace either.
            return header.Captured ? Classify(header.Bytes) : FileKind.Special;
        }

        return header.Captured ? Classify(header.Bytes) : FileKind.Special;
    }

    private static FileKind Classify(byte[] header) => header[TypeFlagOffset] switch
    {
        (byte)'0' or 0 or (byte)'7' => FileKind.Regular,
        (byte)'5' => FileKind.Directory,
        _ => FileKind.Special,
    };

    /// <summary>Keeps the first 512-byte block written, then stops the writer.</summary>
    private sealed class HeaderCapture : Stream
    {
        private int _length;

        public byte[] Bytes { get; } = new byte[512];

        public bool Captured => _length >= 512;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Captured)
            {
                throw new EnoughException();
            }

            var take = Math.Min(512 - _length, buffer.Length);
            buffer[..take].CopyTo(Bytes.AsSpan(_length));
            _length += take;
            if (Captured && buffer.Length > take)
            {
                throw new EnoughException();
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public sealed class EnoughException : Exception;
    }
}
