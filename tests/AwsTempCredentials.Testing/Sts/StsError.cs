namespace AwsTempCredentials.Testing.Sts;

/// <summary>An error STS answers with: HTTP status, Query-protocol code and message, fault type (Sender/Receiver).</summary>
internal sealed class StsError : Exception
{
    public StsError(int status, string code, string message, string type = "Sender")
        : base(message)
    {
        Status = status;
        Code = code;
        Type = type;
    }

    public StsError()
        : this(400, "ValidationError", "error")
    {
    }

    public StsError(string message)
        : this(400, "ValidationError", message)
    {
    }

    public StsError(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 400;
        Code = "ValidationError";
        Type = "Sender";
    }

    public int Status { get; }

    public string Code { get; }

    public string Type { get; }

    public static StsError Validation(string message) => new(400, "ValidationError", message);

    /// <summary>The "1 validation error detected: Value … at '…' failed to satisfy constraint: …" form.</summary>
    public static StsError Constraint(string? value, string member, string constraint) =>
        new(400, "ValidationError", $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");

    public static StsError AccessDenied(string message) => new(403, "AccessDenied", message);

    public static StsError InvalidClientTokenId() => new(403, "InvalidClientTokenId", "The security token included in the request is invalid.");

    public static StsError SignatureDoesNotMatch(string message) => new(403, "SignatureDoesNotMatch", message);

    public static StsError SignatureMismatch() => SignatureDoesNotMatch(
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");

    public static StsError ExpiredToken() => new(400, "ExpiredToken", "The security token included in the request is expired");

    public static StsError InvalidIdentityToken(string message) => new(400, "InvalidIdentityToken", message);

    public static StsError Throttling() => new(400, "Throttling", "Rate exceeded");

    public static StsError InternalFailure() => new(500, "InternalFailure", "An internal error occurred. Please try again.", "Receiver");

    public static StsError ServiceUnavailable() => new(503, "ServiceUnavailable", "Service is unavailable. Please try again.", "Receiver");
}
