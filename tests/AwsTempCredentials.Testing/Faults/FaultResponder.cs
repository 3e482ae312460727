using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace AwsTempCredentials.Testing.Faults;

/// <summary>Carries out the connection-level faults (hang, reset) the same way for every fake.</summary>
internal static class FaultResponder
{
    /// <summary>Waits until the client gives up or the fake stops, then drops the connection without answering.</summary>
    public static async Task HangAsync(HttpContext context, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, linked.Token);
        }
        catch (OperationCanceledException)
        {
        }

        Reset(context);
    }

    /// <summary>Aborts the connection with a TCP RST (linger 0) so the client sees a reset, not a clean close.</summary>
    public static void Reset(HttpContext context)
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is Socket socket)
        {
            try
            {
                socket.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        }

        context.Abort();
    }
}
