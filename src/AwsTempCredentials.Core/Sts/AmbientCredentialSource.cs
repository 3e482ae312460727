using Amazon.Runtime.Credentials;
using AwsTempCredentials.Credentials;
using AwsTempCredentials.Errors;

namespace AwsTempCredentials.Sts;

/// <summary>
/// Credentials already on the machine, found by the AWS SDK's default chain: environment variables, the shared
/// profile, a web identity token file, the container or instance role (CodeBuild, ECS, EC2).
/// </summary>
public sealed class AmbientCredentialSource : AwsCredentialSource
{
    public override string Description => "existing credentials (environment, profile, or container/instance role)";

    public override async Task<SessionCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        Amazon.Runtime.ImmutableCredentials credentials;
        try
        {
            var resolved = DefaultAWSCredentialsIdentityResolver.GetCredentials();
            credentials = await resolved.GetCredentialsAsync();
        }
        catch (Exception e) when (e is Amazon.Runtime.AmazonClientException or Amazon.Runtime.AmazonServiceException or InvalidOperationException)
        {
            throw new PlatformException(
                "No existing AWS credentials were found (environment, shared profile, container or instance role).",
                "Give a way to authenticate: trust-anchor-arn + profile-arn + certificate + private-key (Roles Anywhere), an OIDC token, or aws-access-key-id + aws-secret-access-key.", e);
        }

        return new SessionCredentials(credentials.AccessKey, credentials.SecretKey, string.IsNullOrEmpty(credentials.Token) ? null : credentials.Token, null);
    }
}
