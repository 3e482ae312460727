namespace AwsTempCredentials.Errors;

/// <summary>
/// An AWS service answered with a client error (4xx): it understood the call and said no. Never retried.
/// <see cref="ForCode"/> picks the precise type from the service's error code.
/// </summary>
public abstract class ServiceRefusedException(
    string service, string operation, string errorCode, string serviceMessage, string? hint, Exception? innerException)
    : CredentialException($"{service} {operation} failed: {errorCode}: {serviceMessage}", hint, innerException)
{
    private static readonly HashSet<string> InvalidRequestCodes = new(StringComparer.Ordinal)
    {
        "ValidationException", "ValidationError", "InvalidParameterValue", "InvalidParameterCombination", "MissingParameter",
        "MalformedPolicyDocument", "PackedPolicyTooLarge", "ResourceNotFoundException", "InvalidAction", "RegionDisabledException",
    };

    public string Service { get; } = service;

    public string Operation { get; } = operation;

    public string ErrorCode { get; } = errorCode;

    public string ServiceMessage { get; } = serviceMessage;

    public override int ExitCode => ExitCodes.AccessDenied;

    /// <summary>A refusal of a request that was malformed or named something that does not exist; else one of authentication or authorization.</summary>
    public static ServiceRefusedException ForCode(
        string service, string operation, string errorCode, string serviceMessage, string? hint, Exception? innerException = null) =>
        InvalidRequestCodes.Contains(errorCode)
            ? new InvalidRequestException(service, operation, errorCode, serviceMessage, hint, innerException)
            : new AccessDeniedException(service, operation, errorCode, serviceMessage, hint, innerException);
}
