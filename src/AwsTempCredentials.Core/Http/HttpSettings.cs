namespace AwsTempCredentials.Http;

/// <summary>Network behaviour shared by every client: timeouts, retries, proxy, trust — values, never read from the process by the clients.</summary>
public sealed record HttpSettings
{
    /// <summary>How long throttling is waited out by default: long enough for a burst of a few hundred jobs to drain.</summary>
    public static readonly TimeSpan DefaultThrottlingBudget = TimeSpan.FromMinutes(5);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one attempt may take, from sending the request to the end of the response.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Attempts per call, the first included, for network faults, attempt timeouts and 5xx answers.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>
    /// How long throttling answers (429, STS <c>Throttling</c>) are waited out, per run. Throttled attempts do not
    /// count against <see cref="MaxAttempts"/>; zero fails on the first throttled answer.
    /// </summary>
    public TimeSpan ThrottlingBudget { get; init; } = DefaultThrottlingBudget;

    /// <summary>The proxy and the hosts that bypass it; none unless a host sets one.</summary>
    public ProxySettings Proxy { get; init; } = ProxySettings.None;

    /// <summary>Extra CA certificates to trust (PEM bundle path), as the AWS SDKs read <c>AWS_CA_BUNDLE</c>.</summary>
    public string? CaBundlePath { get; init; }

    /// <summary>Proxy and trust as the AWS CLI reads them from an environment: HTTPS_PROXY/NO_PROXY, AWS_CA_BUNDLE.</summary>
    public static HttpSettings FromEnvironment(Func<string, string?> environment) => new()
    {
        Proxy = ProxySettings.FromEnvironment(environment),
        CaBundlePath = environment("AWS_CA_BUNDLE") is { Length: > 0 } path ? path : null,
    };
}
