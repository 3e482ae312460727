using System.Text.Json;
using AwsTempCredentials.Testing;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Fakes;

/// <summary>The Debian AWS CLI v2 (botocore's own SigV4 signer) is accepted by the fake STS, over HTTP and HTTPS.</summary>
public sealed class AwsCliAgainstFakeStsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Get_caller_identity_with_session_credentials_succeeds(bool https)
    {
        var cli = Requires.AwsCli();
        await using var aws = await FakeAws.StartAsync(new FakeAwsOptions { Https = https });
        var user = aws.AddIamUser();
        var role = aws.AddRole("CliRole", trustedPrincipals: [user.Arn]);
        using var sts = StsClients.For(aws, user.AccessKeyId, user.SecretAccessKey);
        var credentials = (await sts.AssumeRoleAsync(new Amazon.SecurityToken.Model.AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "cli" })).Credentials;

        var home = Directory.CreateTempSubdirectory("awstc-cli-").FullName;
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["PATH"] = "/usr/bin:/bin",
                ["HOME"] = home,
                ["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId,
                ["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey,
                ["AWS_SESSION_TOKEN"] = credentials.SessionToken,
                ["AWS_EC2_METADATA_DISABLED"] = "true",
            };
            if (https)
            {
                environment["AWS_CA_BUNDLE"] = aws.CaBundlePath!;
            }

            var result = await ProcessRunner.RunAsync(cli,
                ["sts", "get-caller-identity", "--endpoint-url", aws.StsUrl.ToString(), "--region", "us-east-1", "--output", "json"], environment);
            Assert.True(result.ExitCode == 0, result.ToString());
            using var json = JsonDocument.Parse(result.Stdout);
            Assert.Equal("arn:aws:sts::111122223333:assumed-role/CliRole/cli", json.RootElement.GetProperty("Arn").GetString());
            Assert.Equal("111122223333", json.RootElement.GetProperty("Account").GetString());

            environment["AWS_SECRET_ACCESS_KEY"] = user.SecretAccessKey;
            var refused = await ProcessRunner.RunAsync(cli,
                ["sts", "get-caller-identity", "--endpoint-url", aws.StsUrl.ToString(), "--region", "us-east-1"], environment);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("SignatureDoesNotMatch", refused.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
