using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Amazon.Runtime;
using Amazon.SecurityToken;
using AwsTempCredentials.Testing;

namespace AwsTempCredentials.Tests.Fakes;

/// <summary>AWSSDK.SecurityToken clients pointed at the fake, no retries unless asked; over HTTPS they trust only the test TLS CA.</summary>
internal static class StsClients
{
    public static AmazonSecurityTokenServiceClient For(FakeAws aws, AWSCredentials credentials, int maxErrorRetry = 0)
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = aws.StsUrl.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = maxErrorRetry,
            Timeout = TimeSpan.FromSeconds(10),
        };
        if (aws.CaBundlePath is { } caBundle)
        {
            config.HttpClientFactory = new TrustingHttpClientFactory(X509Certificate2.CreateFromPem(File.ReadAllText(caBundle)));
        }

        return new AmazonSecurityTokenServiceClient(credentials, config);
    }

    public static AmazonSecurityTokenServiceClient For(FakeAws aws, string accessKeyId, string secretAccessKey, string? sessionToken = null) =>
        For(aws, sessionToken is null ? new BasicAWSCredentials(accessKeyId, secretAccessKey) : new SessionAWSCredentials(accessKeyId, secretAccessKey, sessionToken));

    private sealed class TrustingHttpClientFactory(X509Certificate2 ca) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                    {
                        return false;
                    }

                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
                },
            },
        });
    }
}
