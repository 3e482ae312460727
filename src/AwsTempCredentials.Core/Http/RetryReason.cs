namespace AwsTempCredentials.Http;

/// <summary>Why an attempt's outcome is worth another attempt, as a <see cref="RetryPolicy"/> classifier says.</summary>
public abstract record RetryReason
{
    private RetryReason()
    {
    }

    /// <summary>The service refused for rate: waited out within the throttling budget.</summary>
    /// <param name="Code">The service's word for it, e.g. <c>ThrottlingException</c> or <c>HTTP 429</c>.</param>
    /// <param name="RetryAfter">The wait the service asked for (<c>Retry-After</c>), if it named one.</param>
    public sealed record Throttled(string Code, TimeSpan? RetryAfter = null) : RetryReason;

    /// <summary>A network fault, an attempt timeout or a 5xx answer: retried a few times.</summary>
    public sealed record Fault(string Description) : RetryReason;
}
