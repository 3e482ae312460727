namespace AwsTempCredentials.Http;

/// <summary>
/// Applies a proxy given as an option the way every client here picks one up: through the standard variables
/// (<c>HTTPS_PROXY</c>, <c>HTTP_PROXY</c>, <c>NO_PROXY</c>, in both cases) that .NET reads when the first HttpClient
/// is created. Call it before any client exists.
/// </summary>
public static class ProxyEnvironment
{
    public static void Apply(string? proxy, string? noProxy)
    {
        if (!string.IsNullOrWhiteSpace(proxy))
        {
            foreach (var name in new[] { "https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY" })
            {
                Environment.SetEnvironmentVariable(name, proxy.Trim());
            }
        }

        if (!string.IsNullOrWhiteSpace(noProxy))
        {
            var list = string.Join(',', noProxy.Split([',', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Environment.SetEnvironmentVariable("no_proxy", list);
            Environment.SetEnvironmentVariable("NO_PROXY", list);
        }
    }
}
