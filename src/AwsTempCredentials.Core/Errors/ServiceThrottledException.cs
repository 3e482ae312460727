namespace AwsTempCredentials.Errors;

/// <summary>A service kept throttling for the whole throttling budget: the account's rate quota is too small for its load.</summary>
public sealed class ServiceThrottledException(string message, string? hint = null, Exception? innerException = null)
    : CredentialException(message, hint, innerException)
{
    public override int ExitCode => ExitCodes.ServiceUnavailable;
}
