using System.Net;
using AwsTempCredentials.Errors;
using Polly;

namespace AwsTempCredentials.Http;

/// <summary>
/// Sends a request under a <see cref="RetryPolicy"/>: 429 is throttling (waited out, honouring <c>Retry-After</c>);
/// network faults, attempt timeouts and 5xx (or the caller's own rule) get a few attempts; other answers come back at once.
/// </summary>
public sealed class RetryingSender(HttpClient client, RetryPolicy policy)
{
    /// <summary>A sender with a policy of its own (the throttling budget starts now), for clients outside a broker run.</summary>
    public RetryingSender(HttpClient client, HttpSettings settings, Reporting.IReporter reporter)
        : this(client, new RetryPolicy(settings, reporter))
    {
    }
    public static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <inheritdoc cref="SendAsync(Func{HttpRequestMessage}, CallDescription, CancellationToken, Func{HttpStatusCode, bool}?)"/>
    public Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> createRequest, string describe, string unreachableHint, CancellationToken cancellationToken, Func<HttpStatusCode, bool>? isFault = null) =>
        SendAsync(createRequest, new CallDescription(describe, unreachableHint), cancellationToken, isFault);

    /// <param name="createRequest">Called once per attempt: a request cannot be sent twice, and signatures carry a date.</param>
    /// <param name="call">What is being called, for progress lines and errors.</param>
    /// <param name="isFault">Which other statuses are worth a few attempts; 5xx when null.</param>
    /// <exception cref="ServiceUnavailableException">No answer after every attempt (network fault or attempt timeout).</exception>
    /// <exception cref="ServiceThrottledException">Still throttled when the throttling budget ran out.</exception>
    public async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> createRequest, CallDescription call, CancellationToken cancellationToken, Func<HttpStatusCode, bool>? isFault = null)
    {
        isFault ??= status => (int)status >= 500;
        try
        {
            return await policy.ExecuteAsync(
                call,
                async token =>
                {
                    using var request = createRequest();
                    return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
                },
                outcome => Classify(outcome, isFault, cancellationToken),
                cancellationToken);
        }
        catch (HttpRequestException e) when (UntrustedServerException.IsCause(e))
        {
            throw new UntrustedServerException(call.Operation, e);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ServiceUnavailableException($"{call.Operation} got no answer: {Describe(e)}.", call.UnreachableHint, e);
        }
    }

    private static RetryReason? Classify(Outcome<HttpResponseMessage> outcome, Func<HttpStatusCode, bool> isFault, CancellationToken cancellationToken) => outcome switch
    {
        { Exception: HttpRequestException e } when UntrustedServerException.IsCause(e) => null,
        { Exception: HttpRequestException e } => new RetryReason.Fault(Describe(e)),
        { Exception: TaskCanceledException e } when !cancellationToken.IsCancellationRequested => new RetryReason.Fault(Describe(e)),
        { Result: { StatusCode: HttpStatusCode.TooManyRequests } response } => new RetryReason.Throttled(ErrorType(response) ?? "HTTP 429", RetryAfter(response)),
        { Result: { } response } when isFault(response.StatusCode) => new RetryReason.Fault($"HTTP {(int)response.StatusCode}"),
        _ => null,
    };

    /// <summary>The error type AWS JSON services name in <c>X-Amzn-ErrorType</c> (e.g. <c>ThrottlingException</c>).</summary>
    private static string? ErrorType(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Amzn-ErrorType", out var values) ? values.First().Split(':')[0] : null;

    /// <summary>The wait a 429 asks for, as seconds or as a date; null when absent or unreadable.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } when delta >= TimeSpan.Zero => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>
    /// A network fault in a few words. An untrusted server certificate never gets here: every caller turns it into an
    /// <see cref="UntrustedServerException"/> first, neither retried nor called unreachable.
    /// </summary>
    public static string Describe(Exception exception) => exception switch
    {
        TaskCanceledException => "no answer within the attempt timeout",
        _ => exception.Message,
    };
}
