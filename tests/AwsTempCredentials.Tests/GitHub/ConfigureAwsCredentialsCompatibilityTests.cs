using AwsTempCredentials.Testing.GitHub;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>
/// A configure-aws-credentials user switches by changing the <c>uses:</c> line: their documented inputs are ours,
/// and their README examples give the same variables and outputs.
/// </summary>
public sealed class ConfigureAwsCredentialsCompatibilityTests
{
    // aws-actions/configure-aws-credentials action.yml (v6): inputs and outputs.
    private static readonly string[] TheirInputs =
    [
        "aws-region", "aws-profile", "overwrite-aws-profile", "role-to-assume", "aws-access-key-id", "aws-secret-access-key",
        "aws-session-token", "web-identity-token-file", "role-chaining", "audience", "http-proxy", "no-proxy", "mask-aws-account-id",
        "role-duration-seconds", "role-external-id", "role-session-name", "role-skip-session-tagging", "transitive-tag-keys",
        "inline-session-policy", "managed-session-policies", "output-credentials", "output-env-credentials", "unset-current-credentials",
        "disable-retry", "retry-max-attempts", "special-characters-workaround", "use-existing-credentials", "allowed-account-ids",
        "force-skip-oidc", "action-timeout-s", "custom-tags", "sts-endpoint",
    ];

    private static readonly string[] TheirEnvironment = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION"];

    [Fact]
    public void Every_input_of_theirs_is_an_input_of_ours_with_the_same_defaults()
    {
        var ours = ActionMetadata.Repository.Inputs;
        Assert.All(TheirInputs, name => Assert.True(ours.ContainsKey(name), $"action.yml lacks input {name}"));
        Assert.Null(ours["role-session-name"]); // GitHubActions is applied by the host, so Roles Anywhere can tell it was not set

        Assert.Equal("sts.amazonaws.com", ours["audience"]);
        Assert.Null(ours["output-env-credentials"]);
    }

    [Fact]
    public async Task Readme_oidc_example()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        // README "Quick start (OIDC, recommended)": role-to-assume + aws-region.
        using var runner = world.Runner().With("role-to-assume", world.DeployRole).With("aws-region", "us-east-2");
        var result = await runner.RunEntrypointAsync();
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Superset(new HashSet<string>(TheirEnvironment), new HashSet<string>(runner.EnvFileValues().Keys));
        Assert.Equal(["authenticated-arn", "aws-account-id"], runner.Outputs().Keys.Order());
        Assert.Equal("us-east-2", runner.EnvFileValues()["AWS_DEFAULT_REGION"]);
    }

    [Fact]
    public async Task Readme_access_key_example_with_outputs()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        // README "Assuming a role with IAM user credentials" + output-credentials.
        using var runner = world.Runner(idToken: false)
            .With("aws-access-key-id", world.User.AccessKeyId).With("aws-secret-access-key", world.User.SecretAccessKey)
            .With("aws-region", "us-east-2").With("role-to-assume", world.UserRole)
            .With("role-duration-seconds", "1200").With("role-session-name", "MySessionName").With("output-credentials", "true");
        var result = await runner.RunEntrypointAsync();
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Superset(new HashSet<string>(TheirEnvironment), new HashSet<string>(runner.EnvFileValues().Keys));
        Assert.Equal(
            ["authenticated-arn", "aws-access-key-id", "aws-account-id", "aws-expiration", "aws-secret-access-key", "aws-session-token"],
            runner.Outputs().Keys.Order());
        var record = world.Sts.AssumeRoleRequests.Single();
        Assert.Equal(("MySessionName", 1200), (record.RoleSessionName, record.DurationSeconds));
        Assert.Contains(record.Tags, t => t.Key == "GitHub" && t.Value == "Actions");
    }
}
