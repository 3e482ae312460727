using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using AwsTempCredentials.Http;

namespace AwsTempCredentials.Sts;

/// <summary>Creates STS clients for a region, with our endpoints, HttpClient, timeouts and retry budget.</summary>
public sealed class StsClientFactory(string? region, AwsEndpoints endpoints, HttpClient httpClient, HttpSettings settings)
{
    private const string GlobalDefaultRegion = "us-east-1";

    public string Region => region ?? GlobalDefaultRegion;

    public string EndpointDescription => endpoints.Sts?.ToString() ?? $"sts.{Region}";

    public IAmazonSecurityTokenService Create(AWSCredentials credentials)
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            HttpClientFactory = new SharedHttpClientFactory(httpClient),
            IgnoreConfiguredEndpointUrls = true,
            MaxErrorRetry = Math.Max(0, settings.MaxAttempts - 1),
            RetryMode = RequestRetryMode.Standard,
            Timeout = settings.AttemptTimeout,
            DisableLogging = true,
        };
        if (endpoints.Sts is { } url)
        {
            config.ServiceURL = url.ToString();
            config.AuthenticationRegion = Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        }

        return new AmazonSecurityTokenServiceClient(credentials, config);
    }
}
