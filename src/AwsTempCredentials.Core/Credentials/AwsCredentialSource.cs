namespace AwsTempCredentials.Credentials;

/// <summary>
/// One way of getting credentials, with one job. Sources compose: an <see cref="Sts.AssumeRoleCredentialSource"/>
/// wraps the source whose credentials it assumes the role with.
/// </summary>
public abstract class AwsCredentialSource
{
    /// <summary>Short description for logs, e.g. "Roles Anywhere → arn:aws:iam::…:role/deploy".</summary>
    public abstract string Description { get; }

    public abstract Task<SessionCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}
