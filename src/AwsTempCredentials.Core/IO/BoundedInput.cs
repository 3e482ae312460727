using AwsTempCredentials.Errors;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.IO;

/// <summary>
/// Reads an input (a file, standard input, an environment variable) up to <see cref="MaxBytes"/>, on a path a
/// cancellation or deadline can always interrupt. Opening a FIFO without a writer, or reading a terminal, blocks in
/// the kernel where no token reaches: the read runs on its own thread and the caller stops waiting for it instead.
/// Errors name the option and say what is wrong in plain words.
/// </summary>
public static class BoundedInput
{
    /// <summary>1 MiB: far above any certificate, key, chain, token or secret, far below trouble.</summary>
    public const int MaxBytes = 1024 * 1024;

    public const string MaxDescription = "1 MiB";

    /// <summary>Reads a file (any kind: regular, FIFO, process substitution, device) as bytes.</summary>
    public static Task<byte[]> ReadFileAsync(string option, string path, CancellationToken cancellationToken) =>
        OnOwnThread(() => ReadFile(option, path), cancellationToken);

    /// <summary>Reads a file as trimmed UTF-8 text.</summary>
    public static async Task<string> ReadFileTextAsync(string option, string path, CancellationToken cancellationToken) =>
        System.Text.Encoding.UTF8.GetString(await ReadFileAsync(option, path, cancellationToken)).Trim();

    /// <summary>Reads a stream to its end (standard input).</summary>
    public static Task<byte[]> ReadStreamAsync(string option, string description, Func<Stream> open, CancellationToken cancellationToken) =>
        OnOwnThread(() =>
        {
            using var stream = open();
            return ReadLimited(stream, option, description);
        }, cancellationToken);

    /// <summary>Refuses a value (e.g. from an environment variable) above the limit.</summary>
    public static string CheckLength(string option, string description, string value) =>
        System.Text.Encoding.UTF8.GetByteCount(value) > MaxBytes ? throw TooLarge(option, description) : value;

    private static byte[] ReadFile(string option, string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                throw Invalid(option, $"file '{path}' cannot be read: it is a directory.");
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            return ReadLimited(stream, option, $"file '{path}'");
        }
        catch (Exception e) when (FileProblems.IsFileSystemFailure(e))
        {
            throw Invalid(option, $"file '{path}' cannot be read: {FileProblems.Describe(e, path)}.");
        }
    }

    private static byte[] ReadLimited(Stream stream, string option, string description)
    {
        var buffer = new byte[64 * 1024];
        using var content = new MemoryStream();
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (content.Length + read > MaxBytes)
            {
                throw TooLarge(option, description);
            }

            content.Write(buffer, 0, read);
        }

        return content.ToArray();
    }

    private static async Task<T> OnOwnThread<T>(Func<T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var task = Task.Factory.StartNew(read, CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
        try
        {
            return await task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The abandoned read may still end with an error nobody waits for; observe it so it is not reported.
            _ = task.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }

    private static InvalidOptionsException TooLarge(string option, string description) =>
        Invalid(option, $"{description} is larger than {MaxDescription}, the most any input may hold; check it names the intended file (not a device such as /dev/zero).");

    private static InvalidOptionsException Invalid(string option, string message) => new([new OptionError(option, message)]);
}
