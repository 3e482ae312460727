using System.Net;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Reporting;
using Polly;
using Polly.Retry;

namespace AwsTempCredentials.Http;

/// <summary>
/// Sends a request with jittered exponential backoff, retrying only what is worth retrying: network faults,
/// per-attempt timeouts, 429 and 5xx (or the caller's own rule). Client errors (4xx) come back at once.
/// </summary>
public sealed class RetryingSender(HttpClient client, HttpSettings settings, IReporter reporter)
{
    public static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <param name="createRequest">Called once per attempt: a request cannot be sent twice, and signatures carry a date.</param>
    /// <param name="describe">What is being called (and where), for the retry log line and the error.</param>
    /// <param name="unreachableHint">What to check when every attempt failed to get an answer.</param>
    /// <exception cref="ServiceUnavailableException">No answer after every attempt (network fault or attempt timeout).</exception>
    public async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> createRequest, string describe, string unreachableHint, CancellationToken cancellationToken,
        Func<HttpStatusCode, bool>? isTransient = null)
    {
        isTransient ??= IsTransient;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(5),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException } => true,
                    { Exception: TaskCanceledException } => !cancellationToken.IsCancellationRequested,
                    { Result: { } response } => isTransient(response.StatusCode),
                    _ => false,
                }),
                OnRetry = args =>
                {
                    var why = args.Outcome.Exception is { } e ? Describe(e) : $"HTTP {(int)args.Outcome.Result!.StatusCode}";
                    args.Outcome.Result?.Dispose();
                    reporter.Info($"{describe}: {why}; retrying in {args.RetryDelay.TotalMilliseconds:0} ms (attempt {args.AttemptNumber + 2} of {settings.MaxAttempts}).");
                    return ValueTask.CompletedTask;
                },
            });
        }

        var pipeline = builder.Build();
        try
        {
            return await pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = createRequest();
                    return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
                },
                cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ServiceUnavailableException($"{describe} got no answer: {Describe(e)}.", unreachableHint, e);
        }
    }

    public static string Describe(Exception exception) => exception switch
    {
        TaskCanceledException => "no answer within the attempt timeout",
        HttpRequestException { InnerException: System.Security.Authentication.AuthenticationException } =>
            "TLS handshake failed: the server's certificate is not trusted (behind a TLS-inspecting proxy, point AWS_CA_BUNDLE or SSL_CERT_FILE at its CA bundle)",
        HttpRequestException http => http.Message,
        _ => exception.Message,
    };
}
