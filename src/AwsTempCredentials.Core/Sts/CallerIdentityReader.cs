using Amazon.SecurityToken.Model;
using AwsTempCredentials.Credentials;

namespace AwsTempCredentials.Sts;

/// <summary>
/// Asks STS who a set of credentials is (GetCallerIdentity needs no permission): only for credentials no answer named,
/// plain access keys or ambient credentials without a role.
/// </summary>
public sealed class CallerIdentityReader(StsClientFactory sts)
{
    public async Task<CallerIdentity> ReadAsync(SessionCredentials credentials, CancellationToken cancellationToken)
    {
        using var client = sts.Create(credentials.ToAwsCredentials());
        var response = await StsCall.RunAsync(
            sts, "GetCallerIdentity", null, token => client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), token), _ => null, cancellationToken);
        if (response is not { Account: { Length: > 0 } account, Arn: { Length: > 0 } arn })
        {
            throw new Errors.ServiceUnavailableException(
                $"STS at {sts.EndpointDescription} answered GetCallerIdentity without an account.",
                "A proxy may be answering instead of STS: check HTTPS_PROXY/NO_PROXY and AWS_ENDPOINT_URL_STS.");
        }

        return new CallerIdentity(account, arn, response.UserId ?? string.Empty);
    }
}
