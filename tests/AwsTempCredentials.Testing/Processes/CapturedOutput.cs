using System.Text;

namespace AwsTempCredentials.Testing.Processes;

/// <summary>
/// One redirected stream of a process, read as it comes, so that what it printed so far can be shown even when the
/// stream never closes (a killed run whose background child still holds it).
/// </summary>
internal sealed class CapturedOutput
{
    private readonly StringBuilder _text = new();
    private readonly Task _closed;

    public CapturedOutput(StreamReader reader) => _closed = Task.Run(() => ReadAsync(reader));

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>True when every stream reached its end within <paramref name="grace"/>.</summary>
    public static async Task<bool> WhenClosedAsync(TimeSpan grace, params CapturedOutput[] outputs)
    {
        var all = Task.WhenAll(outputs.Select(o => o._closed));
        return await Task.WhenAny(all, Task.Delay(grace)) == all;
    }

    private async Task ReadAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (_text)
            {
                _text.Append(buffer, 0, read);
            }
        }
    }
}
