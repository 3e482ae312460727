using System.Text;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Cli;

/// <summary>
/// Where a CLI value comes from: <c>env:NAME</c> (an environment variable), <c>file:PATH</c> or a plain path for
/// files, or <c>-</c> (standard input). Secrets are never taken literally from the command line, where they leak
/// into process lists and CI logs.
/// </summary>
internal sealed class SecretReference(Func<string, string?> environment, Func<Stream> stdin)
{
    private bool _stdinUsed;

    /// <summary>Reads a secret text: env:, file: or - only.</summary>
    public string? ReadSecretText(string option, string? reference)
    {
        if (reference is null)
        {
            return null;
        }

        if (!reference.StartsWith("env:", StringComparison.Ordinal) && !reference.StartsWith("file:", StringComparison.Ordinal) && reference != "-")
        {
            throw Invalid(option, "is a secret and is not taken from the command line, where it would leak into process lists and logs. Use env:NAME, file:PATH or - (standard input).");
        }

        return Encoding.UTF8.GetString(Read(option, reference, plainIsPath: false)).Trim();
    }

    /// <summary>Reads file content: a path, file:PATH, env:NAME or - .</summary>
    public byte[]? ReadBytes(string option, string? reference)
    {
        if (reference is null)
        {
            return null;
        }

        if (reference.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            throw Invalid(option, "takes a file path, env:NAME or - (standard input), not PEM text on the command line.");
        }

        return Read(option, reference, plainIsPath: true);
    }

    /// <summary>A value that is not secret: taken as given, or from env:NAME.</summary>
    public string? ReadText(string option, string? reference) =>
        reference is not null && reference.StartsWith("env:", StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(Read(option, reference, plainIsPath: false)).Trim()
            : reference;

    private byte[] Read(string option, string reference, bool plainIsPath)
    {
        if (reference.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = reference[4..];
            return environment(name) is { Length: > 0 } value
                ? Encoding.UTF8.GetBytes(value)
                : throw Invalid(option, $"refers to environment variable {name}, which is not set or empty.");
        }

        if (reference == "-")
        {
            if (_stdinUsed)
            {
                throw Invalid(option, "reads standard input, which another option already read; give one of them as env: or a file.");
            }

            _stdinUsed = true;
            using var buffer = new MemoryStream();
            stdin().CopyTo(buffer);
            return buffer.ToArray();
        }

        var path = reference.StartsWith("file:", StringComparison.Ordinal) ? reference[5..] : plainIsPath ? reference : null;
        if (path is null)
        {
            throw Invalid(option, "must be env:NAME, file:PATH or - .");
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid(option, $"file '{path}' cannot be read: {e.Message}");
        }
    }

    private static InvalidOptionsException Invalid(string option, string message) => new([new OptionError(option, message)]);
}
