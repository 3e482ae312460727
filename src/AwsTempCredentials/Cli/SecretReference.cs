using System.Text;
using AwsTempCredentials.Errors;
using AwsTempCredentials.IO;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Cli;

/// <summary>
/// Where a CLI value comes from: <c>env:NAME</c> (an environment variable), <c>file:PATH</c> or a plain path for
/// files, or <c>-</c> (standard input). Secrets are never taken literally from the command line, where they leak
/// into process lists and CI logs. Every read is bounded (<see cref="BoundedInput.MaxBytes"/>) and cancellable:
/// a FIFO without a writer or a silent standard input gives way to the deadline or a signal.
/// </summary>
internal sealed class SecretReference(Func<string, string?> environment, Func<Stream> stdin)
{
    private bool _stdinUsed;

    /// <summary>Reads a secret text: env:, file: or - only.</summary>
    public async Task<string?> ReadSecretTextAsync(string option, string? reference, CancellationToken cancellationToken)
    {
        if (reference is null)
        {
            return null;
        }

        if (!reference.StartsWith("env:", StringComparison.Ordinal) && !reference.StartsWith("file:", StringComparison.Ordinal) && reference != "-")
        {
            throw Invalid(option, "is a secret and is not taken from the command line, where it would leak into process lists and logs. Use env:NAME, file:PATH or - (standard input).");
        }

        return Encoding.UTF8.GetString(await ReadAsync(option, reference, plainIsPath: false, cancellationToken)).Trim();
    }

    /// <summary>Reads file content: a path, file:PATH, env:NAME or - .</summary>
    public async Task<byte[]?> ReadBytesAsync(string option, string? reference, CancellationToken cancellationToken)
    {
        if (reference is null)
        {
            return null;
        }

        if (reference.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            throw Invalid(option, "takes a file path, env:NAME or - (standard input), not PEM text on the command line.");
        }

        return await ReadAsync(option, reference, plainIsPath: true, cancellationToken);
    }

    /// <summary>A value that is not secret: taken as given, or from env:NAME.</summary>
    public async Task<string?> ReadTextAsync(string option, string? reference, CancellationToken cancellationToken) =>
        reference is not null && reference.StartsWith("env:", StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(await ReadAsync(option, reference, plainIsPath: false, cancellationToken)).Trim()
            : reference;

    private async Task<byte[]> ReadAsync(string option, string reference, bool plainIsPath, CancellationToken cancellationToken)
    {
        if (reference.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = reference[4..];
            return environment(name) is { Length: > 0 } value
                ? Encoding.UTF8.GetBytes(BoundedInput.CheckLength(option, $"environment variable {name}", value))
                : throw Invalid(option, $"refers to environment variable {name}, which is not set or empty.");
        }

        if (reference == "-")
        {
            if (_stdinUsed)
            {
                throw Invalid(option, "reads standard input, which another option already read; give one of them as env: or a file.");
            }

            _stdinUsed = true;
            return await BoundedInput.ReadStreamAsync(option, "standard input", stdin, cancellationToken);
        }

        var path = reference.StartsWith("file:", StringComparison.Ordinal) ? reference[5..] : plainIsPath ? reference : null;
        if (path is null)
        {
            throw Invalid(option, "must be env:NAME, file:PATH or - .");
        }

        return await BoundedInput.ReadFileAsync(option, path, cancellationToken);
    }

    private static InvalidOptionsException Invalid(string option, string message) => new([new OptionError(option, message)]);
}
