using Amazon.Runtime;

namespace AwsTempCredentials.Sts;

/// <summary>Gives the AWS SDK our HttpClient, so STS calls get the same timeouts, proxy and trust as every other call.</summary>
internal sealed class SharedHttpClientFactory(HttpClient client) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => client;

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
}
