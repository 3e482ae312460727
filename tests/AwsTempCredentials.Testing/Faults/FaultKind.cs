namespace AwsTempCredentials.Testing.Faults;

/// <summary>What a fake does instead of answering.</summary>
public enum FaultKind
{
    /// <summary>The service's own throttling error (STS: 400 Throttling; Roles Anywhere: 429 ThrottlingException).</summary>
    Throttle,

    /// <summary>A 500 internal error in the service's error format.</summary>
    ServerError,

    /// <summary>A 503 service unavailable in the service's error format.</summary>
    ServiceUnavailable,

    /// <summary>Never answers; the connection is dropped when the client gives up or the fake stops.</summary>
    Hang,

    /// <summary>The TCP connection is reset (RST) without a response.</summary>
    ConnectionReset,
}
