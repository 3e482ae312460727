using AwsTempCredentials.Credentials;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Http;
using AwsTempCredentials.Sts;

namespace AwsTempCredentials.Broker;

/// <summary>
/// Whether the credentials already in the environment (the SDK's default chain) work: GetCallerIdentity with them.
/// For hosts that skip fetching new credentials when valid ones are there (<c>use-existing-credentials</c>).
/// </summary>
public static class ExistingCredentialsProbe
{
    /// <summary>Who the existing credentials are; null when there are none or they do not work.</summary>
    public static async Task<CallerIdentity?> TryAsync(string? region, BrokerEnvironment environment, CancellationToken cancellationToken)
    {
        try
        {
            var credentials = await new AmbientCredentialSource(environment.IgnoreEnvironmentCredentials).GetCredentialsAsync(cancellationToken);
            foreach (var secret in credentials.Secrets())
            {
                environment.Reporter.RegisterSecret(secret);
            }

            var settings = environment.Http with { MaxAttempts = 1, ThrottlingBudget = TimeSpan.Zero };
            using var http = HttpClientBuilder.Create(settings);
            var sts = new StsClientFactory(region, environment.Endpoints, http, new RetryPolicy(settings, environment.Reporter, environment.Clock));
            return await new CallerIdentityReader(sts).ReadAsync(credentials, cancellationToken);
        }
        catch (CredentialException e)
        {
            environment.Reporter.Debug($"Existing credentials are not usable: {e.Message}");
            return null;
        }
    }
}
