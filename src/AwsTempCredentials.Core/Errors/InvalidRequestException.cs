namespace AwsTempCredentials.Errors;

/// <summary>An AWS service refused the request itself: a value it does not accept, or a resource that does not exist.</summary>
public sealed class InvalidRequestException(
    string service, string operation, string errorCode, string serviceMessage, string? hint, Exception? innerException = null)
    : ServiceRefusedException(service, operation, errorCode, serviceMessage, hint, innerException);
