namespace AwsTempCredentials.Testing.RolesAnywhere;

/// <summary>An error Roles Anywhere answers with: status, <c>X-Amzn-ErrorType</c>, and <c>{"message": …}</c>.</summary>
internal sealed class RolesAnywhereError : Exception
{
    public RolesAnywhereError(int status, string errorType, string message, string? detail = null)
        : base(message)
    {
        Status = status;
        ErrorType = errorType;
        Detail = detail ?? message;
    }

    public RolesAnywhereError()
        : this(400, "ValidationException", "error")
    {
    }

    public RolesAnywhereError(string message)
        : this(400, "ValidationException", message)
    {
    }

    public RolesAnywhereError(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 400;
        ErrorType = "ValidationException";
        Detail = message;
    }

    public int Status { get; }

    public string ErrorType { get; }

    /// <summary>Why the fake refused, for test diagnostics (the real service says less).</summary>
    public string Detail { get; }

    public const string UntrustedCertificate = "Untrusted signing certificate";

    public static RolesAnywhereError Validation(string message) => new(400, "ValidationException", message);

    public static RolesAnywhereError AccessDenied(string message, string? detail = null) => new(403, "AccessDeniedException", message, detail);

    public static RolesAnywhereError Untrusted(string detail) => new(403, "AccessDeniedException", UntrustedCertificate, detail);

    public static RolesAnywhereError NotFound(string message) => new(404, "ResourceNotFoundException", message);

    public static RolesAnywhereError Throttling() => new(429, "ThrottlingException", "Rate exceeded");

    public static RolesAnywhereError Internal() => new(500, "InternalServerException", "Internal server error");

    public static RolesAnywhereError Unavailable() => new(503, "ServiceUnavailableException", "Service unavailable");
}
