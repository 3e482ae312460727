namespace AwsTempCredentials.Credentials;

/// <summary>Credentials given as they are (access keys, optionally with a session token).</summary>
public sealed class StaticCredentialSource(SessionCredentials credentials) : AwsCredentialSource
{
    public override string Description => $"access key {credentials.AccessKeyId}";

    public override Task<SessionCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => Task.FromResult(credentials);
}
