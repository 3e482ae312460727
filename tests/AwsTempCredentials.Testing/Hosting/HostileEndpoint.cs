using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AwsTempCredentials.Testing.Hosting;

/// <summary>How a hostile endpoint answers every request.</summary>
public enum HostileAnswer
{
    /// <summary>HTTP 200 with an HTML page, as a TLS-inspecting proxy's sign-in page.</summary>
    Html,

    /// <summary>HTTP 200, application/json, cut off in the middle of the token.</summary>
    TruncatedJson,

    /// <summary>HTTP 200 with no body at all.</summary>
    Empty,

    /// <summary>HTTP 200 streaming 3 MiB of JSON-looking text, no Content-Length.</summary>
    Huge,

    /// <summary>HTTP 200 declaring a 64 MiB Content-Length.</summary>
    HugeDeclared,

    /// <summary>HTTP 200, headers at once, then one byte a second for ever.</summary>
    Slow,

    /// <summary>A redirect (301, 302, 307, 308) to <see cref="HostileEndpoint.Elsewhere"/>, path and query kept.</summary>
    Redirect301,
    Redirect302,
    Redirect307,
    Redirect308,
}

/// <summary>
/// A loopback endpoint that answers badly on purpose, and a second listener ("elsewhere", another origin) that a
/// redirect points at and that records whatever reaches it: a client that follows a redirect would hand it the
/// bearer token or the OIDC token.
/// </summary>
public sealed class HostileEndpoint : IAsyncDisposable
{
    public const int HugeBytes = 3 * 1024 * 1024;

    private readonly LoopbackServer _server;
    private readonly LoopbackServer _elsewhere;
    private int _requests;

    private HostileEndpoint(LoopbackServer server, LoopbackServer elsewhere)
    {
        _server = server;
        _elsewhere = elsewhere;
    }

    public Uri BaseAddress => _server.BaseAddress;

    public Uri Elsewhere => _elsewhere.BaseAddress;

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Every request that reached the other listener: method, path, Authorization header and body.</summary>
    public ConcurrentQueue<string> ReceivedElsewhere { get; } = new();

    public static async Task<HostileEndpoint> StartAsync(HostileAnswer answer)
    {
        HostileEndpoint? endpoint = null;
        var elsewhere = await LoopbackServer.StartAsync(async (context, stopping) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(stopping);
            endpoint!.ReceivedElsewhere.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} {context.Request.Headers.Authorization} {body}");
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"value":"stolen","oidcToken":"stolen"}""", stopping);
        });
        var server = await LoopbackServer.StartAsync((context, stopping) => endpoint!.AnswerAsync(context, answer, stopping));
        endpoint = new HostileEndpoint(server, elsewhere);
        return endpoint;
    }

    /// <summary>
    /// The step's deadline (action-timeout-s) for a case: short for the trickling server, whose answer only the deadline
    /// ends, generous for the others, so that a loaded machine still reaches the real cause before the deadline.
    /// </summary>
    public static string DeadlineSeconds(HostileAnswer answer) => answer == HostileAnswer.Slow ? "3" : "30";

    /// <summary>An absolute URL on the hostile endpoint.</summary>
    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).ToString();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _elsewhere.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context, HostileAnswer answer, CancellationToken stopping)
    {
        Interlocked.Increment(ref _requests);
        var response = context.Response;
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(stopping, context.RequestAborted);
        try
        {
            switch (answer)
            {
                case HostileAnswer.Html:
                    response.ContentType = "text/html; charset=utf-8";
                    await response.WriteAsync("<!DOCTYPE html>\n<html><head><title>Proxy authentication</title></head><body>Sign in to continue.</body></html>\n", aborted.Token);
                    break;
                case HostileAnswer.TruncatedJson:
                    response.ContentType = "application/json";
                    await response.WriteAsync("""{"value":"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ""", aborted.Token);
                    break;
                case HostileAnswer.Empty:
                    response.ContentType = "application/json";
                    break;
                case HostileAnswer.Huge:
                    response.ContentType = "application/json";
                    await response.WriteAsync("""{"value":"eyJ""", aborted.Token);
                    var chunk = Encoding.ASCII.GetBytes(new string('A', 64 * 1024));
                    for (var written = 0; written < HugeBytes; written += chunk.Length)
                    {
                        await response.Body.WriteAsync(chunk, aborted.Token);
                    }

                    await response.WriteAsync("\"}", aborted.Token);
                    break;
                case HostileAnswer.HugeDeclared:
                    response.ContentType = "application/octet-stream";
                    response.ContentLength = 64L * 1024 * 1024;
                    await response.Body.WriteAsync(new byte[1024], aborted.Token);
                    await response.Body.FlushAsync(aborted.Token);
                    await Task.Delay(TimeSpan.FromSeconds(30), aborted.Token);
                    break;
                case HostileAnswer.Slow:
                    response.ContentType = "application/json";
                    await response.StartAsync(aborted.Token);
                    await response.WriteAsync("{", aborted.Token);
                    while (!aborted.IsCancellationRequested)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(1), aborted.Token);
                        await response.WriteAsync(" ", aborted.Token);
                        await response.Body.FlushAsync(aborted.Token);
                    }

                    break;
                default:
                    response.StatusCode = answer switch
                    {
                        HostileAnswer.Redirect301 => 301,
                        HostileAnswer.Redirect302 => 302,
                        HostileAnswer.Redirect307 => 307,
                        _ => 308,
                    };
                    response.Headers.Location = new Uri(Elsewhere, context.Request.Path + context.Request.QueryString).ToString();
                    break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client gave up, as it should.
        }
    }
}
