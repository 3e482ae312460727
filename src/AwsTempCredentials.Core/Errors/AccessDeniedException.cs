namespace AwsTempCredentials.Errors;

/// <summary>An AWS service refused who the caller is or what it may do: access denied, an invalid or expired token or key.</summary>
public sealed class AccessDeniedException(
    string service, string operation, string errorCode, string serviceMessage, string? hint, Exception? innerException = null)
    : ServiceRefusedException(service, operation, errorCode, serviceMessage, hint, innerException);
