namespace AwsTempCredentials.Errors;

/// <summary>
/// A failure nobody foresaw; reported with its type so a bug report can find it. The inner message is left out: it
/// may quote a file or an answer that holds a secret, and in the published binary it is a resource key, not words.
/// </summary>
public sealed class UnexpectedException(Exception innerException)
    : CredentialException(
        $"Unexpected error: {innerException.GetType().Name}.",
        "This is a bug in aws-temp-credentials; please report it with the log (secrets are masked).",
        innerException)
{
    public override int ExitCode => ExitCodes.Unexpected;
}
