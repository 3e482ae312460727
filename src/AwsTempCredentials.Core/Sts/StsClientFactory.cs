using Amazon;
using AWSCredentials = Amazon.Runtime.AWSCredentials;
using Amazon.SecurityToken;
using AwsTempCredentials.Http;

namespace AwsTempCredentials.Sts;

/// <summary>
/// Creates STS clients for a region, with our endpoints, HttpClient and timeouts. The SDK does not retry: every call
/// goes through <see cref="StsCall"/> and the run's <see cref="RetryPolicy"/>, so STS throttling shares the budget.
/// </summary>
/// <param name="keepAwayFromSharedFiles">
/// The run does not use existing credentials: the SDK's one-time configuration read skips ~/.aws, so a malformed
/// shared file cannot break it. Done when the first client is made, so runs that never call STS never load the SDK.
/// </param>
public sealed class StsClientFactory(string? region, AwsEndpoints endpoints, HttpClient httpClient, RetryPolicy retry, bool keepAwayFromSharedFiles = false)
{
    private const string GlobalDefaultRegion = "us-east-1";

    public string Region => region ?? GlobalDefaultRegion;

    public string EndpointDescription => endpoints.Sts?.ToString() ?? $"sts.{Region}";

    public RetryPolicy Retry => retry;

    public IAmazonSecurityTokenService Create(AWSCredentials credentials)
    {
        if (keepAwayFromSharedFiles)
        {
            Credentials.SharedAwsFiles.KeepSdkAway();
        }

        var config = new AmazonSecurityTokenServiceConfig
        {
            HttpClientFactory = new SharedHttpClientFactory(httpClient),
            IgnoreConfiguredEndpointUrls = true,
            MaxErrorRetry = 0,
            Timeout = retry.Settings.AttemptTimeout,
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
