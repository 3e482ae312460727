using AwsTempCredentials.Errors;
using AwsTempCredentials.Http;

namespace AwsTempCredentials.Tests.Core.Http;

/// <summary>Proxy settings as values: read the way curl and the AWS CLI read them, bypass lists matched as they match them.</summary>
public sealed class ProxySettingsTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Https_proxy_wins_over_http_proxy_and_lower_case_over_upper_case()
    {
        Assert.Equal("http://a:1/", ProxySettings.FromEnvironment(Environment(("https_proxy", "http://a:1"), ("HTTPS_PROXY", "http://b:2"), ("http_proxy", "http://c:3"))).Address!.ToString());
        Assert.Equal("http://c:3/", ProxySettings.FromEnvironment(Environment(("http_proxy", "http://c:3"))).Address!.ToString());
        Assert.Null(ProxySettings.FromEnvironment(Environment()).Address);
        Assert.Null(ProxySettings.FromEnvironment(Environment()).ToWebProxy());
    }

    [Fact]
    public void A_bare_host_and_port_is_an_http_proxy()
    {
        Assert.Equal(new Uri("http://proxy.internal:3128/"), ProxySettings.Parse("proxy.internal:3128", null, "http-proxy").Address);
    }

    [Theory]
    [InlineData("ftp://proxy:21")]
    [InlineData("http://")]
    public void A_proxy_option_that_is_not_an_http_url_is_an_error_naming_the_option(string address)
    {
        var error = Assert.Throws<InvalidOptionsException>(() => ProxySettings.Parse(address, null, "http-proxy"));

        Assert.Equal($"http-proxy: '{address}' is not a proxy URL (for example http://proxy.example.com:3128).", Assert.Single(error.Errors).ToString());
    }

    [Theory]
    [InlineData("https_proxy")]
    [InlineData("HTTPS_PROXY")]
    [InlineData("http_proxy")]
    [InlineData("HTTP_PROXY")]
    public void A_proxy_variable_that_is_not_an_http_url_is_an_error_naming_the_variable(string variable)
    {
        var error = Assert.Throws<InvalidOptionsException>(() => ProxySettings.FromEnvironment(Environment((variable, "socks5://proxy:1080"))));

        var problem = Assert.Single(error.Errors);
        Assert.Equal(variable, problem.Option);
        Assert.Equal("'socks5://proxy:1080' is not a proxy URL (for example http://proxy.example.com:3128).", problem.Message);
        Assert.DoesNotContain("http-proxy", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("socks5://user:s3cret@proxy:1080", "'socks5://***@proxy:1080'")]
    [InlineData("ftp://s3cret@proxy", "'ftp://***@proxy'")]
    public void The_error_never_repeats_the_proxy_password(string address, string shown)
    {
        var error = Assert.Throws<InvalidOptionsException>(() => ProxySettings.FromEnvironment(Environment(("HTTPS_PROXY", address))));

        Assert.Contains(shown, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sts.eu-west-1.amazonaws.com", "amazonaws.com", true)]
    [InlineData("sts.eu-west-1.amazonaws.com", ".amazonaws.com", true)]
    [InlineData("sts.eu-west-1.amazonaws.com", "*.amazonaws.com", true)]
    [InlineData("amazonaws.com", ".amazonaws.com", true)]
    [InlineData("notamazonaws.com", "amazonaws.com", false)]
    [InlineData("127.0.0.1", "localhost,127.0.0.1", true)]
    [InlineData("127.0.0.2", "127.0.0.1", false)]
    [InlineData("anything.example", "*", true)]
    [InlineData("sts.amazonaws.com", "sts.amazonaws.com:443", true)]
    [InlineData("sts.amazonaws.com", "sts.amazonaws.com:8443", false)]
    [InlineData("sts.amazonaws.com", "", false)]
    public void Bypass_lists_match_hosts_domains_and_ports(string host, string bypass, bool bypassed)
    {
        var settings = ProxySettings.Parse("http://proxy:3128", bypass, "http-proxy");
        var destination = new Uri($"https://{host}/");

        Assert.Equal(bypassed, settings.Bypasses(destination));
        Assert.Equal(bypassed ? null : new Uri("http://proxy:3128/"), settings.ToWebProxy()!.GetProxy(destination));
    }

    [Fact]
    public void Lists_may_be_separated_by_commas_spaces_or_lines()
    {
        Assert.Equal(["a.example", "b.example", "c.example"], ProxySettings.Parse("http://p:1", "a.example, b.example\nc.example", "http-proxy").Bypass);
    }

    [Fact]
    public void The_description_never_shows_the_proxy_password()
    {
        var settings = ProxySettings.Parse("http://user:s3cret@proxy:3128", "internal", "http-proxy");

        Assert.Equal("proxy http://proxy:3128 (not for internal)", settings.ToString());
        Assert.NotNull(settings.ToWebProxy()!.Credentials);
    }
}
