using System.Net;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Http;

namespace AwsTempCredentials.Tests.Core.Http;

/// <summary>The retry rules in process: which answers are retried, how often, and what ends the waiting.</summary>
public sealed class RetryPolicyTests
{
    private sealed class Answers(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        public int Sent { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var answer = answers[Math.Min(Sent, answers.Length - 1)];
            Sent++;
            return Task.FromResult(answer());
        }
    }

    private static readonly CallDescription Call = new("CreateSession at test", "check the network",
        new ThrottlingQuota("The quota 'Rate of CreateSession requests'", "111122223333", "eu-west-1", "Service Quotas"));

    private static Func<HttpResponseMessage> Status(HttpStatusCode status, TimeSpan? retryAfter = null, string? errorType = null) => () =>
    {
        var response = new HttpResponseMessage(status);
        if (retryAfter is { } delta)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delta);
        }

        if (errorType is not null)
        {
            response.Headers.Add("X-Amzn-ErrorType", errorType + ":http://internal.amazon.com/coral/com.amazon.coral.service/");
        }

        return response;
    };

    private static async Task<(HttpResponseMessage? Response, Exception? Error, Answers Handler, RecordingReporter Lines)> SendAsync(HttpSettings settings, params Func<HttpResponseMessage>[] answers)
    {
        var handler = new Answers(answers);
        var lines = new RecordingReporter();
        using var client = new HttpClient(handler);
        var sender = new RetryingSender(client, new RetryPolicy(settings, lines));
        try
        {
            return (await sender.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/"), Call, CancellationToken.None), null, handler, lines);
        }
        catch (Exception e) when (e is CredentialException)
        {
            return (null, e, handler, lines);
        }
    }

    [Fact]
    public async Task Throttling_honours_retry_after_and_does_not_use_up_fault_attempts()
    {
        var (response, _, handler, lines) = await SendAsync(new HttpSettings { MaxAttempts = 1 },
            Status(HttpStatusCode.TooManyRequests, TimeSpan.Zero, "ThrottlingException"), Status(HttpStatusCode.TooManyRequests, TimeSpan.Zero), Status(HttpStatusCode.Created));

        Assert.Equal(HttpStatusCode.Created, response!.StatusCode);
        Assert.Equal(3, handler.Sent);
        Assert.Equal(
            ["CreateSession at test is throttled (ThrottlingException); next attempt in 0.0 s, 5 min 0 s of the throttling budget left.",
             "CreateSession at test is throttled (HTTP 429); next attempt in 0.0 s, 5 min 0 s of the throttling budget left."],
            lines.Progress.Select(l => l.Replace("4 min 59 s", "5 min 0 s", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_zero_budget_fails_on_the_first_throttled_answer_with_the_quota_story()
    {
        var (_, error, handler, lines) = await SendAsync(new HttpSettings { ThrottlingBudget = TimeSpan.Zero }, Status(HttpStatusCode.TooManyRequests));

        var throttled = Assert.IsType<ServiceThrottledException>(error);
        Assert.Equal(1, handler.Sent);
        Assert.Empty(lines.Progress);
        Assert.Equal(5, throttled.ExitCode);
        Assert.Equal("CreateSession at test was throttled (HTTP 429). The quota 'Rate of CreateSession requests' of account 111122223333 in eu-west-1 is used up by everything calling it at once.", throttled.Message);
        Assert.Equal("Raise the quota (Service Quotas), or start fewer jobs at once; throttling is not waited out because throttling-budget-s is 0 (or disable-retry is set).", throttled.Hint);
    }

    [Fact]
    public async Task A_retry_after_beyond_the_budget_stops_at_once_instead_of_waiting()
    {
        var (_, error, handler, _) = await SendAsync(new HttpSettings { ThrottlingBudget = TimeSpan.FromSeconds(30) }, Status(HttpStatusCode.TooManyRequests, TimeSpan.FromMinutes(5)));

        Assert.IsType<ServiceThrottledException>(error);
        Assert.Equal(1, handler.Sent);
    }

    [Fact]
    public async Task Faults_get_max_attempts_then_the_last_answer_comes_back()
    {
        var (response, _, handler, lines) = await SendAsync(new HttpSettings { MaxAttempts = 3 }, Status(HttpStatusCode.ServiceUnavailable));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response!.StatusCode);
        Assert.Equal(3, handler.Sent);
        Assert.Equal(2, lines.Progress.Count);
        Assert.EndsWith("(attempt 3 of 3).", lines.Progress[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Created)]
    public async Task Other_answers_come_back_at_once(HttpStatusCode status)
    {
        var (response, _, handler, lines) = await SendAsync(new HttpSettings(), Status(status));

        Assert.Equal(status, response!.StatusCode);
        Assert.Equal(1, handler.Sent);
        Assert.Empty(lines.Progress);
    }

    public static TheoryData<string> UntrustedCertificateFaults() => ["direct", "nested"];

    [Theory]
    [MemberData(nameof(UntrustedCertificateFaults))]
    public async Task An_untrusted_server_certificate_is_not_retried_and_says_so(string depth)
    {
        // SocketsHttpHandler wraps the handshake failure in HttpRequestException, sometimes one level deeper.
        var refused = new System.Security.Authentication.AuthenticationException("The remote certificate was rejected by the provided RemoteCertificateValidationCallback.");
        Exception inner = depth == "direct" ? refused : new IOException("The SSL connection could not be established.", refused);
        var (_, error, handler, lines) = await SendAsync(new HttpSettings { MaxAttempts = 3 }, () => throw new HttpRequestException("The SSL connection could not be established, see inner exception.", inner));

        var untrusted = Assert.IsType<UntrustedServerException>(error);
        Assert.Equal(1, handler.Sent);
        Assert.Empty(lines.Progress);
        Assert.Equal(5, untrusted.ExitCode);
        Assert.Equal("The TLS certificate of CreateSession at test is not trusted, so nothing was sent to it.", untrusted.Message);
        Assert.Contains("AWS_CA_BUNDLE", untrusted.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_network_fault_is_retried_and_named_by_its_own_words()
    {
        var (_, error, handler, lines) = await SendAsync(new HttpSettings { MaxAttempts = 2 }, () => throw new HttpRequestException("Connection refused (127.0.0.1:9)"));

        var unavailable = Assert.IsType<ServiceUnavailableException>(error);
        Assert.Equal(2, handler.Sent);
        Assert.Contains("Connection refused (127.0.0.1:9)", Assert.Single(lines.Progress), StringComparison.Ordinal);
        Assert.Equal("CreateSession at test got no answer: Connection refused (127.0.0.1:9).", unavailable.Message);
        Assert.Equal("check the network", unavailable.Hint);
    }

    [Fact]
    public void Throttling_waits_grow_from_one_second_and_stay_within_the_cap()
    {
        for (var run = 0; run < 200; run++)
        {
            var previous = TimeSpan.Zero;
            for (var wait = 0; wait < 12; wait++)
            {
                var next = RetryPolicy.NextThrottlingDelay(previous);
                Assert.InRange(next, RetryPolicy.ThrottlingBaseDelay, RetryPolicy.ThrottlingMaxDelay);
                Assert.True(next <= TimeSpan.FromTicks(Math.Max(RetryPolicy.ThrottlingBaseDelay.Ticks, previous.Ticks * 3)), $"{next} after {previous}");
                previous = next;
            }
        }

        var tenthWaits = Enumerable.Range(0, 500).Select(_ => Enumerable.Range(0, 10).Aggregate(TimeSpan.Zero, (p, _) => RetryPolicy.NextThrottlingDelay(p))).ToList();
        Assert.InRange(tenthWaits.Average(w => w.TotalSeconds), 5, 15);
    }
}
