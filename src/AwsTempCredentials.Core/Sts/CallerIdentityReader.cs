using Amazon.SecurityToken.Model;
using AwsTempCredentials.Credentials;

namespace AwsTempCredentials.Sts;

/// <summary>Asks STS who a set of credentials is (GetCallerIdentity needs no permission).</summary>
public sealed class CallerIdentityReader(StsClientFactory sts)
{
    public async Task<CallerIdentity> ReadAsync(SessionCredentials credentials, CancellationToken cancellationToken)
    {
        using var client = sts.Create(credentials.ToAwsCredentials());
        var response = await StsErrorTranslator.CallAsync(
            "GetCallerIdentity", sts.EndpointDescription, () => client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken), _ => null, cancellationToken);
        return new CallerIdentity(response.Account, response.Arn, response.UserId);
    }
}
