namespace AwsTempCredentials.Testing.Iam;

/// <summary>An IAM user with one long-term access key.</summary>
public sealed record IamUser(FakeAccount Account, string Name, string UserId, string AccessKeyId, string SecretAccessKey)
{
    public string Arn => Account.UserArn(Name);
}
