using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace AwsTempCredentials.Testing.Hosting;

/// <summary>
/// A plain HTTP forward proxy on loopback that records what it forwards: clients send it absolute-form requests for
/// http:// destinations (the fakes), and it passes each one on and the answer back. Tests point <c>http-proxy</c> or
/// HTTPS_PROXY at it to prove which calls went through a proxy and which bypassed it.
/// </summary>
public sealed class ForwardProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Host",
    };

    private readonly HttpClient _upstream = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
    private LoopbackServer? _server;

    /// <summary>Every request forwarded: method and destination URL.</summary>
    public ConcurrentQueue<(string Method, Uri Destination)> Forwarded { get; } = new();

    public Uri Address => _server?.BaseAddress ?? throw new InvalidOperationException("Not started.");

    public static async Task<ForwardProxy> StartAsync()
    {
        var proxy = new ForwardProxy();
        proxy._server = await LoopbackServer.StartAsync(proxy.HandleAsync);
        return proxy;
    }

    private async Task HandleAsync(HttpContext context, CancellationToken stopping)
    {
        var destination = new Uri($"http://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}");
        Forwarded.Enqueue((context.Request.Method, destination));
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), destination);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > 0 || context.Request.ContentType is not null)
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (!HopByHop.Contains(name) && !request.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values);
            }
        }

        request.Headers.Host = context.Request.Host.Value;
        using var response = await _upstream.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _upstream.Dispose();
    }
}
