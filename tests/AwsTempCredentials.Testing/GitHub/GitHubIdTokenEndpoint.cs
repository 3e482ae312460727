using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AwsTempCredentials.Testing.GitHub;

/// <summary>
/// A loopback stand-in for the runner's ID-token endpoint (what <c>ACTIONS_ID_TOKEN_REQUEST_URL</c> points at):
/// <c>GET …?api-version=2.0&amp;audience=…</c> with <c>Authorization: Bearer &lt;request token&gt;</c> answers
/// <c>{"value":"&lt;jwt&gt;"}</c>, the JWT minted for <c>sub repo:{owner}/{repo}:ref:{ref}</c> and the audience asked.
/// Strict: a wrong bearer is 401, a missing audience 400. It can answer 503 a few times first, or never answer.
/// </summary>
public sealed class GitHubIdTokenEndpoint : IAsyncDisposable
{
    public const string Issuer = "https://token.actions.githubusercontent.com";

    private readonly WebApplication _app;
    private readonly Func<string, string, string> _mint;
    private int _failuresLeft;

    /// <param name="mint">Makes the JWT for (subject, audience), with issuer <see cref="Issuer"/> (the JwtIssuer of the AWS fakes).</param>
    public GitHubIdTokenEndpoint(Func<string, string, string> mint, string repository = "octo-org/octo-repo", string gitRef = "refs/heads/main")
    {
        _mint = mint;
        Subject = $"repo:{repository}:ref:{gitRef}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/_apis/distributedtask/hubs/Actions/plans/{plan}/jobs/{job}/idtoken", Handle);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseAddress = new Uri(_app.Urls.First());
    }

    public Uri BaseAddress { get; }

    /// <summary>The bearer the runner gives the step in ACTIONS_ID_TOKEN_REQUEST_TOKEN.</summary>
    public string RequestToken { get; } = "ghs_" + Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();

    /// <summary>ACTIONS_ID_TOKEN_REQUEST_URL, with its query already started as the real one is.</summary>
    public string RequestUrl => new Uri(BaseAddress, "/_apis/distributedtask/hubs/Actions/plans/7c1e1e2c/jobs/9a8b/idtoken?api-version=2.0").ToString();

    public string Subject { get; }

    /// <summary>Every request, with the audience it asked for (null when none).</summary>
    public ConcurrentQueue<(string? Audience, int Status)> Requests { get; } = new();

    /// <summary>Tokens handed out, to check they are masked.</summary>
    public ConcurrentQueue<string> IssuedTokens { get; } = new();

    /// <summary>Answer 503 this many times before answering properly.</summary>
    public int FailuresBeforeSuccess
    {
        get => Volatile.Read(ref _failuresLeft);
        set => Volatile.Write(ref _failuresLeft, value);
    }

    /// <summary>What the <see cref="FailuresBeforeSuccess"/> answers are: 503, or 429 (rate limited, with <c>Retry-After: 1</c>).</summary>
    public int FailureStatus { get; set; } = StatusCodes.Status503ServiceUnavailable;

    /// <summary>Never answer (the request hangs until the client gives up).</summary>
    public bool Hang { get; set; }

    private async Task Handle(HttpContext context)
    {
        var audience = context.Request.Query["audience"].FirstOrDefault();
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        int status;
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {RequestToken}")
        {
            status = StatusCodes.Status401Unauthorized;
        }
        else if (context.Request.Query["api-version"] != "2.0" || string.IsNullOrEmpty(audience))
        {
            status = StatusCodes.Status400BadRequest;
        }
        else if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            status = FailureStatus;
            if (status == StatusCodes.Status429TooManyRequests)
            {
                context.Response.Headers.RetryAfter = "1";
            }
        }
        else
        {
            status = StatusCodes.Status200OK;
        }

        Requests.Enqueue((audience, status));
        context.Response.StatusCode = status;
        if (status != StatusCodes.Status200OK)
        {
            await context.Response.WriteAsync(status switch { 503 => "Service Unavailable", 429 => "Too Many Requests", _ => "{\"message\":\"refused\"}" });
            return;
        }

        var token = _mint(Subject, audience!);
        IssuedTokens.Enqueue(token);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["value"] = token, ["count"] = "1" }));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
