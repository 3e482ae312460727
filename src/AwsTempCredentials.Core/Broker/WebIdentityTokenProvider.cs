using AwsTempCredentials.Http;

namespace AwsTempCredentials.Broker;

/// <summary>
/// Fetches the CI platform's OIDC token for <paramref name="audience"/>. Its calls run under <paramref name="retry"/>,
/// the run's own policy: one throttling budget and one deadline for every call the run makes.
/// </summary>
public delegate Task<string> WebIdentityTokenProvider(string audience, RetryPolicy retry, CancellationToken cancellationToken);
