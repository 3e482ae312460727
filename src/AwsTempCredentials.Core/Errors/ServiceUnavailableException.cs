namespace AwsTempCredentials.Errors;

/// <summary>A service could not be reached or kept failing (throttling, 5xx, network) after every retry.</summary>
public sealed class ServiceUnavailableException(string message, string? hint = null, Exception? innerException = null)
    : CredentialException(message, hint, innerException)
{
    public override int ExitCode => ExitCodes.ServiceUnavailable;
}
