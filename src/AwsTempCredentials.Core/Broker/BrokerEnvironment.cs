using AwsTempCredentials.Http;
using AwsTempCredentials.Reporting;

namespace AwsTempCredentials.Broker;

/// <summary>What the broker needs from the world: where to report, which endpoints, network settings, a clock, and the host's OIDC token.</summary>
public sealed record BrokerEnvironment
{
    public IReporter Reporter { get; init; } = NullReporter.Instance;

    public AwsEndpoints Endpoints { get; init; } = AwsEndpoints.None;

    public HttpSettings Http { get; init; } = new();

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Fetches an OIDC token from the CI platform for an audience; null when the host has none.</summary>
    public Func<string, CancellationToken, Task<string>>? WebIdentityTokenProvider { get; init; }

    /// <summary>Endpoints and trust from the process environment (AWS_ENDPOINT_URL*, AWS_CA_BUNDLE).</summary>
    public static BrokerEnvironment FromProcess(IReporter reporter) => new()
    {
        Reporter = reporter,
        Endpoints = AwsEndpoints.FromEnvironment(Environment.GetEnvironmentVariable),
        Http = HttpSettings.FromEnvironment(Environment.GetEnvironmentVariable),
    };
}
