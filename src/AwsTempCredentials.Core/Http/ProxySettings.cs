using System.Net;

namespace AwsTempCredentials.Http;

/// <summary>
/// Which proxy the clients use, as a value: the address for https (and http) calls and the hosts that bypass it.
/// Hosts fill it from their inputs (<c>http-proxy</c>, <c>no-proxy</c>) or from the standard variables; the clients
/// never read the process environment, so two settings in one process cannot leak into each other.
/// </summary>
public sealed record ProxySettings(Uri? Address, IReadOnlyList<string> Bypass)
{
    private static readonly string[] AddressVariables = ["https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"];
    private static readonly string[] BypassVariables = ["no_proxy", "NO_PROXY"];
    public static ProxySettings None { get; } = new(null, []);

    /// <summary>The way curl and the AWS CLI read them: <c>https_proxy</c>/<c>HTTPS_PROXY</c>, then <c>http_proxy</c>/<c>HTTP_PROXY</c>; <c>no_proxy</c>/<c>NO_PROXY</c>.</summary>
    public static ProxySettings FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var (variable, address) = AddressVariables.Select(name => (name, environment(name))).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v.Item2));
        var bypass = BypassVariables.Select(environment).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        return Parse(address, bypass, variable ?? AddressVariables[0]);
    }

    /// <summary>From a proxy URL (a bare <c>host:port</c> means http) and a comma-, space- or newline-separated bypass list.</summary>
    /// <param name="source">Where the address came from (an option or a variable such as <c>HTTPS_PROXY</c>): the error names it.</param>
    public static ProxySettings Parse(string? address, string? bypass, string source)
    {
        Uri? uri = null;
        if (!string.IsNullOrWhiteSpace(address))
        {
            var text = address.Trim();
            if (!text.Contains("://", StringComparison.Ordinal))
            {
                text = "http://" + text;
            }

            if (!Uri.TryCreate(text, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new Errors.InvalidOptionsException([new Options.OptionError(source, $"'{WithoutPassword(address.Trim())}' is not a proxy URL (for example http://proxy.example.com:3128).")]);
            }
        }

        var entries = (bypass ?? string.Empty).Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ProxySettings(uri, entries);
    }

    /// <summary>The address as given with any user and password before '@' left out: an error must not repeat a proxy password.</summary>
    private static string WithoutPassword(string address) =>
        address.LastIndexOf('@') is var at and >= 0
            ? (address.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 && scheme < at ? address[..(scheme + 3)] : string.Empty) + "***@" + address[(at + 1)..]
            : address;

    /// <summary>The proxy for the handler; null when there is none (then no proxy is used at all, not .NET's default).</summary>
    public IWebProxy? ToWebProxy() => Address is null ? null : new BypassingProxy(Address, Bypass);

    /// <summary>Whether a host is in the bypass list: <c>*</c>, an exact host or IP, or a domain (with or without a leading dot) and its subdomains; <c>host:port</c> entries match that port only.</summary>
    public bool Bypasses(Uri destination)
    {
        var host = destination.IdnHost.TrimEnd('.');
        foreach (var entry in Bypass)
        {
            if (entry == "*")
            {
                return true;
            }

            var (name, port) = SplitPort(entry);
            if (port is not null && port != destination.Port)
            {
                continue;
            }

            name = name.TrimStart('*').TrimStart('.').TrimEnd('.');
            if (name.Length > 0 && (host.Equals(name, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + name, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static (string Name, int? Port) SplitPort(string entry)
    {
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            return close > 0 && close + 1 < entry.Length && entry[close + 1] == ':' && int.TryParse(entry[(close + 2)..], out var v6Port)
                ? (entry[1..close], v6Port)
                : (entry.Trim('[', ']'), null);
        }

        var colon = entry.LastIndexOf(':');
        return colon > 0 && entry.IndexOf(':', StringComparison.Ordinal) == colon && int.TryParse(entry[(colon + 1)..], out var port)
            ? (entry[..colon], port)
            : (entry, null);
    }

    /// <summary>For logs: the proxy's scheme, host and port (never its user or password) and the bypass list.</summary>
    public override string ToString() => Address is null ? "no proxy" : $"proxy {Address.Scheme}://{Address.Authority}" + (Bypass.Count > 0 ? $" (not for {string.Join(", ", Bypass)})" : string.Empty);

    private sealed class BypassingProxy(Uri address, IReadOnlyList<string> bypass) : IWebProxy
    {
        private readonly ProxySettings _settings = new(address, bypass);

        public ICredentials? Credentials { get; set; } = address.UserInfo is { Length: > 0 } userInfo
            ? new NetworkCredential(Uri.UnescapeDataString(userInfo.Split(':', 2)[0]), userInfo.Contains(':', StringComparison.Ordinal) ? Uri.UnescapeDataString(userInfo.Split(':', 2)[1]) : string.Empty)
            : null;

        public Uri? GetProxy(Uri destination) => IsBypassed(destination) ? null : address;

        public bool IsBypassed(Uri host) => _settings.Bypasses(host);
    }
}
