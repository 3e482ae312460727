namespace AwsTempCredentials.Errors;

/// <summary>The CI platform did not give what the host needs (an OIDC token, a secure file, a file command path).</summary>
public sealed class PlatformException(string message, string? hint = null, Exception? innerException = null)
    : CredentialException(message, hint, innerException)
{
    public override int ExitCode => ExitCodes.PlatformError;
}
