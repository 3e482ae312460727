using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using AwsTempCredentials.Credentials;
using AwsTempCredentials.Errors;

namespace AwsTempCredentials.Sts;

/// <summary>
/// Credentials already on the machine, found by the AWS SDK's default chain: environment variables, the shared
/// profile, a web identity token file, the container or instance role (CodeBuild, ECS, EC2).
/// </summary>
/// <param name="ignoreEnvironmentCredentials">
/// Skip the job's current credentials — <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>/<c>AWS_SESSION_TOKEN</c>
/// and <c>AWS_PROFILE</c> — as configure-aws-credentials' <c>unset-current-credentials</c> means, without changing
/// the process environment: the rest of the chain (default profile, web identity file, container, instance) remains.
/// </param>
public sealed class AmbientCredentialSource(bool ignoreEnvironmentCredentials = false) : AwsCredentialSource
{
    public override string Description => ignoreEnvironmentCredentials
        ? "existing credentials other than the job's current ones (default profile, or container/instance role)"
        : "existing credentials (environment, profile, or container/instance role)";

    public override async Task<SessionCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        ImmutableCredentials credentials;
        try
        {
            var resolved = ignoreEnvironmentCredentials ? WithoutEnvironment() : DefaultAWSCredentialsIdentityResolver.GetCredentials();
            credentials = await resolved.GetCredentialsAsync();
        }
        catch (Exception e) when (e is AmazonClientException or AmazonServiceException or InvalidOperationException)
        {
            throw new PlatformException(
                "No existing AWS credentials were found (environment, shared profile, container or instance role).",
                "Give a way to authenticate: trust-anchor-arn + profile-arn + certificate + private-key (Roles Anywhere), an OIDC token, or aws-access-key-id + aws-secret-access-key.", e);
        }

        return new SessionCredentials(credentials.AccessKey, credentials.SecretKey, string.IsNullOrEmpty(credentials.Token) ? null : credentials.Token, null);
    }

    /// <summary>The default chain past its environment step: the default profile, a web identity token file, the container, then the instance.</summary>
    private static AWSCredentials WithoutEnvironment()
    {
        if (new CredentialProfileStoreChain().TryGetAWSCredentials("default", out var profile))
        {
            return profile;
        }

        if (Environment.GetEnvironmentVariable("AWS_WEB_IDENTITY_TOKEN_FILE") is { Length: > 0 })
        {
            return AssumeRoleWithWebIdentityCredentials.FromEnvironmentVariables();
        }

        if (Environment.GetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") is { Length: > 0 }
            || Environment.GetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_FULL_URI") is { Length: > 0 })
        {
            return new GenericContainerCredentials();
        }

        return new InstanceProfileAWSCredentials();
    }
}
