namespace AwsTempCredentials.Errors;

/// <summary>The server's TLS certificate is not trusted: usually a TLS-inspecting proxy whose CA the machine does not trust.</summary>
public sealed class UntrustedServerException(string endpoint, Exception? innerException = null)
    : CredentialException(
        $"The TLS certificate of {endpoint} is not trusted, so nothing was sent to it.",
        "Behind a TLS-inspecting proxy, point AWS_CA_BUNDLE (or SSL_CERT_FILE) at a PEM file holding its CA certificate; otherwise check AWS_ENDPOINT_URL* and the machine's CA store.",
        innerException)
{
    public override int ExitCode => ExitCodes.ServiceUnavailable;

    /// <summary>Whether a failure is a refused server certificate, anywhere in its causes.</summary>
    public static bool IsCause(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Security.Authentication.AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }
}
