namespace AwsTempCredentials.Errors;

/// <summary>The run was stopped (SIGINT, SIGTERM, a cancelled pipeline) before it finished. Nothing was exported.</summary>
public sealed class CancelledException(Exception? innerException = null)
    : CredentialException(
        "Cancelled (interrupt or termination signal) before credentials were exported; nothing was written.",
        "Run the step again; a cancelled run leaves no credentials, profile or temporary file behind.",
        innerException)
{
    public override int ExitCode => ExitCodes.Cancelled;
}
