using AwsTempCredentials.Http;
using AwsTempCredentials.Reporting;

namespace AwsTempCredentials.Broker;

/// <summary>
/// What the broker needs from the world, as values the host hands over: where to report, which endpoints, network
/// settings, a clock, and the host's OIDC token. Nothing in the core reads the process environment for these.
/// </summary>
public sealed record BrokerEnvironment
{
    public IReporter Reporter { get; init; } = NullReporter.Instance;

    public AwsEndpoints Endpoints { get; init; } = AwsEndpoints.None;

    public HttpSettings Http { get; init; } = new();

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Fetches an OIDC token from the CI platform; null when the host has none.</summary>
    public WebIdentityTokenProvider? WebIdentityTokenProvider { get; init; }

    /// <summary>Existing credentials exclude the job's current ones (<c>unset-current-credentials</c>).</summary>
    public bool IgnoreEnvironmentCredentials { get; init; }

    /// <summary>Endpoints, proxy and trust as the AWS CLI reads them from an environment (AWS_ENDPOINT_URL*, HTTPS_PROXY/NO_PROXY, AWS_CA_BUNDLE).</summary>
    public static BrokerEnvironment FromEnvironment(IReporter reporter, Func<string, string?> environment) => new()
    {
        Reporter = reporter,
        Endpoints = AwsEndpoints.FromEnvironment(environment),
        Http = HttpSettings.FromEnvironment(environment),
    };
}
