using AwsTempCredentials.Testing.Hosting;
using AwsTempCredentials.Testing.Pki;

namespace AwsTempCredentials.Tests.Cli;

/// <summary>HTTPS_PROXY and NO_PROXY as the AWS CLI reads them: every call through the proxy, or around it.</summary>
public sealed class CliProxyTests(CliWorld world) : IClassFixture<CliWorld>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("awstc-cli-proxy-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private List<string> RolesAnywhereChainedIntoHub()
    {
        var files = CliWorld.Pki.Leaf(TestKeyType.EcP256).WriteTo(Path.Combine(_directory, "leaf"));
        return [.. world.RolesAnywhereArguments(), "--certificate", files.CertificatePath, "--private-key", files.PrivateKeyPath,
            "--role-chaining", world.Hub.RoleArn("hub"), "--output", "json"];
    }

    [Fact]
    public async Task Every_call_goes_through_the_proxy()
    {
        await using var proxy = await ForwardProxy.StartAsync();
        var environment = world.Environment();
        environment["HTTPS_PROXY"] = proxy.Address.ToString();

        var result = await world.RunAsync(RolesAnywhereChainedIntoHub(), environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [("POST", new Uri(world.Aws.RolesAnywhereUrl, "sessions")), ("POST", world.Aws.StsUrl)],
            proxy.Forwarded.ToArray());
    }

    [Fact]
    public async Task No_proxy_hosts_bypass_it()
    {
        await using var proxy = await ForwardProxy.StartAsync();
        var environment = world.Environment();
        environment["https_proxy"] = proxy.Address.ToString();
        environment["no_proxy"] = "localhost,127.0.0.1";

        var result = await world.RunAsync(RolesAnywhereChainedIntoHub(), environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(proxy.Forwarded);
    }

    [Theory]
    [InlineData("HTTPS_PROXY")]
    [InlineData("http_proxy")]
    public async Task A_proxy_variable_that_is_not_a_proxy_url_fails_naming_the_variable_not_an_option(string variable)
    {
        var environment = world.Environment();
        environment[variable] = "socks5://ci:s3cret-proxy-password@proxy.internal:1080";
        var sent = world.Aws.RolesAnywhere.Requests.Total;

        var result = await world.RunAsync(RolesAnywhereChainedIntoHub(), environment);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains($"{variable}: 'socks5://***@proxy.internal:1080' is not a proxy URL", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("http-proxy", result.Stderr, StringComparison.Ordinal);
        Testing.Processes.SecretScan.AssertAbsent(result.AllOutput, ["s3cret-proxy-password"], "the CLI's output");
        Assert.Equal(sent, world.Aws.RolesAnywhere.Requests.Total);
    }
}
