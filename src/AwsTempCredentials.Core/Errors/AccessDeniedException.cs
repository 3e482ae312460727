namespace AwsTempCredentials.Errors;

/// <summary>An AWS service answered with a client error (4xx): authentication, authorization or validation. Never retried.</summary>
public sealed class AccessDeniedException(
    string service, string operation, string errorCode, string serviceMessage, string? hint, Exception? innerException = null)
    : CredentialException($"{service} {operation} failed: {errorCode}: {serviceMessage}", hint, innerException)
{
    public string Service { get; } = service;

    public string Operation { get; } = operation;

    public string ErrorCode { get; } = errorCode;

    public string ServiceMessage { get; } = serviceMessage;

    public override int ExitCode => ExitCodes.AccessDenied;
}
