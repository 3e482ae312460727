namespace AwsTempCredentials.Testing.Iam;

/// <summary>An AWS account of the fakes: an id and a partition (aws, aws-cn, aws-us-gov).</summary>
public sealed record FakeAccount(string Id, string Partition = "aws")
{
    public string RootArn => $"arn:{Partition}:iam::{Id}:root";

    public string RoleArn(string name) => $"arn:{Partition}:iam::{Id}:role/{name}";

    public string UserArn(string name) => $"arn:{Partition}:iam::{Id}:user/{name}";
}
