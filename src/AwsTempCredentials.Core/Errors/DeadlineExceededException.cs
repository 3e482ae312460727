namespace AwsTempCredentials.Errors;

/// <summary>The overall deadline (<c>action-timeout-s</c>) passed before credentials were obtained.</summary>
public sealed class DeadlineExceededException(TimeSpan deadline, Exception? innerException = null)
    : CredentialException(
        $"Gave up after the overall deadline of {deadline.TotalSeconds:0} s (action-timeout-s).",
        "An endpoint is not answering: check network access to AWS (proxy settings, VPC endpoints, AWS_ENDPOINT_URL_*), or raise action-timeout-s.",
        innerException)
{
    public override int ExitCode => ExitCodes.DeadlineExceeded;
}
