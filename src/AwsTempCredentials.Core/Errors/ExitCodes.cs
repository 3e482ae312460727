namespace AwsTempCredentials.Errors;

/// <summary>Process exit codes, documented in the README. Stable: scripts branch on them.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Unexpected = 1;
    public const int InvalidOptions = 2;
    public const int InvalidKeyMaterial = 3;
    public const int AccessDenied = 4;
    public const int ServiceUnavailable = 5;
    public const int DeadlineExceeded = 6;

    /// <summary>Stopped by a signal or the CI system's cancellation: shares the deadline's code, since both mean "stopped before the end, nothing exported".</summary>
    public const int Cancelled = 6;

    public const int AccountNotAllowed = 7;
    public const int PlatformError = 8;
}
