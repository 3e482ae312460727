namespace AwsTempCredentials.Errors;

/// <summary>A failure nobody foresaw; reported with its type so a bug report can find it.</summary>
public sealed class UnexpectedException(Exception innerException)
    : CredentialException(
        $"Unexpected error: {innerException.GetType().Name}: {innerException.Message}",
        "This is a bug in aws-temp-credentials; please report it with the log (secrets are masked).",
        innerException)
{
    public override int ExitCode => ExitCodes.Unexpected;
}
