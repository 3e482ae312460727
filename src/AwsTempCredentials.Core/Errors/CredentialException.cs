namespace AwsTempCredentials.Errors;

/// <summary>
/// Base of every failure the tool explains to its user. <see cref="Exception.Message"/> says what went wrong,
/// <see cref="Hint"/> the likely cause and what to do. Neither ever holds a secret.
/// </summary>
public abstract class CredentialException : Exception
{
    protected CredentialException(string message, string? hint = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Hint = hint;
    }

    public string? Hint { get; }

    public abstract int ExitCode { get; }

    /// <summary>The message and the hint, as one text for a log line or annotation.</summary>
    public string Describe() => Hint is null ? Message : $"{Message} {Hint}";
}
