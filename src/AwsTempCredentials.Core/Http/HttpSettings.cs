namespace AwsTempCredentials.Http;

/// <summary>Network behaviour shared by every client: timeouts, retries, trust. Proxies come from HTTPS_PROXY/NO_PROXY.</summary>
public sealed record HttpSettings
{
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one attempt may take, from sending the request to the end of the response.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Attempts in all, the first included; retries only on throttling, 5xx and network faults.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Extra CA certificates to trust (PEM bundle path), as the AWS SDKs read <c>AWS_CA_BUNDLE</c>.</summary>
    public string? CaBundlePath { get; init; }

    public static HttpSettings FromEnvironment(Func<string, string?> environment) => new()
    {
        CaBundlePath = environment("AWS_CA_BUNDLE") is { Length: > 0 } path ? path : null,
    };
}
