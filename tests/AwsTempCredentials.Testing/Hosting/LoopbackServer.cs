using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AwsTempCredentials.Testing.Hosting;

/// <summary>
/// A quiet Kestrel server on 127.0.0.1 (port chosen by the OS), plain HTTP or HTTPS with a test certificate,
/// that hands every request to one handler. Stopping cancels <see cref="Stopping"/> first so hanging handlers end.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    private LoopbackServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Base URL ending in "/", e.g. http://127.0.0.1:40123/.</summary>
    public Uri BaseAddress { get; }

    public CancellationToken Stopping => _stopping.Token;

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, CancellationToken, Task> handler, X509Certificate2? tlsCertificate = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (tlsCertificate is not null)
                {
                    listen.UseHttps(tlsCertificate);
                }
            });
        });
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Run(context => handler(context, server!.Stopping));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LoopbackServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
