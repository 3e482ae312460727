namespace AwsTempCredentials.Credentials;

/// <summary>What STS GetCallerIdentity says the credentials are.</summary>
public sealed record CallerIdentity(string Account, string Arn, string UserId);
