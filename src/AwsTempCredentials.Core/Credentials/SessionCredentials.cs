using Amazon.Runtime;

namespace AwsTempCredentials.Credentials;

/// <summary>A set of AWS credentials. <see cref="ToString"/> never shows the secret parts.</summary>
public sealed record SessionCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken, DateTimeOffset? Expiration)
{
    /// <summary>Who these credentials are, when the call that issued them said so (the assumed role); else null.</summary>
    public CallerIdentity? Identity { get; init; }

    public AWSCredentials ToAwsCredentials() => SessionToken is null
        ? new BasicAWSCredentials(AccessKeyId, SecretAccessKey)
        : new SessionAWSCredentials(AccessKeyId, SecretAccessKey, SessionToken);

    /// <summary>Every value a host must mask: the secret key, the session token and the access key id.</summary>
    public IEnumerable<string> Secrets()
    {
        yield return AccessKeyId;
        yield return SecretAccessKey;
        if (SessionToken is not null)
        {
            yield return SessionToken;
        }
    }

    public override string ToString() => $"SessionCredentials {{ AccessKeyId = {AccessKeyId}, Expiration = {Expiration:O} }}";
}
