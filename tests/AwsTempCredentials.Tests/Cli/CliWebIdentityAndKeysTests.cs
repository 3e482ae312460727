using System.Text.Json;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Cli;

/// <summary>OIDC web identity, access keys (as they are and to assume a role) and role chaining, through the CLI.</summary>
public sealed class CliWebIdentityAndKeysTests(CliWorld world) : IClassFixture<CliWorld>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("awstc-cli-oidc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string TokenFile(string token)
    {
        var path = Path.Combine(_directory, $"token-{Guid.NewGuid():N}");
        File.WriteAllText(path, token);
        return path;
    }

    private static JsonElement Json(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task An_oidc_token_file_is_exchanged_for_role_credentials()
    {
        var token = world.Oidc.Mint(CliWorld.Subject, CliWorld.Audience);

        var result = await world.RunAsync(["--role-to-assume", world.OidcRole, "--web-identity-token-file", TokenFile(token),
            "--role-session-name", "pipeline-42", "--aws-region", "eu-west-1", "--output", "json", "--verbose"]);

        var json = Json(result);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/gitlab-deploy/pipeline-42", json.GetProperty("Arn").GetString());
        Assert.Contains($"iss={world.Oidc.Issuer}", result.Stderr, StringComparison.Ordinal);
        SecretScan.AssertAbsent(result.Stderr, world.IssuedSecrets().Append(token), "stderr");
    }

    [Fact]
    public async Task A_denied_token_names_its_claims_and_the_trust_policy_but_never_the_token()
    {
        var token = world.Oidc.Mint("project_path:other/app:ref_type:branch:ref:main", CliWorld.Audience);

        var result = await world.RunAsync(["--role-to-assume", world.OidcRole, "--web-identity-token-file", TokenFile(token)]);

        Assert.Equal(4, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("AccessDenied", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("sub=project_path:other/app:ref_type:branch:ref:main", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("gitlab.example.com:sub", result.Stderr, StringComparison.Ordinal);
        SecretScan.AssertAbsent(result.AllOutput, [token], "output");
    }

    [Fact]
    public async Task An_expired_token_says_so()
    {
        var token = world.Oidc.MintExpired(CliWorld.Subject, CliWorld.Audience);

        var result = await world.RunAsync(["--role-to-assume", world.OidcRole, "--web-identity-token-file", TokenFile(token)]);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("ExpiredTokenException", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("fetch the token right before", result.Stderr, StringComparison.Ordinal);
        SecretScan.AssertAbsent(result.AllOutput, [token], "output");
    }

    [Fact]
    public async Task Access_keys_assume_a_role_with_external_id_tags_and_policies()
    {
        var environment = world.Environment();
        environment["CI_SECRET_KEY"] = world.User.SecretAccessKey;
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

        var result = await world.RunAsync(["--aws-access-key-id", world.User.AccessKeyId, "--aws-secret-access-key", "env:CI_SECRET_KEY",
            "--role-to-assume", world.Aws.DefaultAccount.RoleArn("from-keys"), "--role-external-id", "ext-123", "--source-identity", "alice",
            "--inline-session-policy", policy, "--managed-session-policies", "arn:aws:iam::aws:policy/ReadOnlyAccess", "--output", "json"], environment);

        var json = Json(result);
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/from-keys/", json.GetProperty("Arn").GetString(), StringComparison.Ordinal);
        var request = world.Aws.AssumeRoleRequests.Last(r => r.RoleArn?.EndsWith("role/from-keys", StringComparison.Ordinal) == true);
        Assert.Equal("ext-123", request.ExternalId);
        Assert.Equal("alice", request.SourceIdentity);
        Assert.Equal(policy, request.Policy);
        Assert.Equal(["arn:aws:iam::aws:policy/ReadOnlyAccess"], request.PolicyArns);
        SecretScan.AssertAbsent(result.Stderr, world.IssuedSecrets(), "stderr");
    }

    [Fact]
    public async Task Access_keys_without_a_role_are_used_as_they_are()
    {
        var environment = world.Environment();
        environment["CI_SECRET_KEY"] = world.User.SecretAccessKey;

        var result = await world.RunAsync(["--aws-access-key-id", world.User.AccessKeyId, "--aws-secret-access-key", "env:CI_SECRET_KEY", "--output", "json"], environment);

        var json = Json(result);
        Assert.Equal(world.User.Arn, json.GetProperty("Arn").GetString());
        Assert.False(json.TryGetProperty("SessionToken", out _));
    }

    [Fact]
    public async Task A_missing_external_id_is_denied_with_the_likely_cause()
    {
        var environment = world.Environment();
        environment["CI_SECRET_KEY"] = world.User.SecretAccessKey;

        var result = await world.RunAsync(["--aws-access-key-id", world.User.AccessKeyId, "--aws-secret-access-key", "env:CI_SECRET_KEY",
            "--role-to-assume", world.Aws.DefaultAccount.RoleArn("from-keys")], environment);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("role-external-id", result.Stderr, StringComparison.Ordinal);
        SecretScan.AssertAbsent(result.AllOutput, [world.User.SecretAccessKey], "output");
    }

    [Fact]
    public async Task Existing_credentials_from_the_environment_assume_a_role_with_role_chaining_true()
    {
        var environment = world.Environment();
        environment["AWS_ACCESS_KEY_ID"] = world.User.AccessKeyId;
        environment["AWS_SECRET_ACCESS_KEY"] = world.User.SecretAccessKey;

        var result = await world.RunAsync(["--role-to-assume", world.Aws.DefaultAccount.RoleArn("from-keys"), "--role-external-id", "ext-123",
            "--role-chaining", "true", "--output", "json"], environment);

        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/from-keys/", Json(result).GetProperty("Arn").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Role_chaining_goes_through_two_more_accounts_capped_at_one_hour()
    {
        var token = world.Oidc.Mint(CliWorld.Subject, CliWorld.Audience);

        var result = await world.RunAsync(["--role-to-assume", world.Aws.DefaultAccount.RoleArn("gitlab-deploy"), "--web-identity-token-file", TokenFile(token),
            "--role-chaining", $"{world.Hub.RoleArn("hub")}\n{world.Workload.RoleArn("deploy")}", "--role-duration-seconds", "7200",
            "--allowed-account-ids", world.Workload.Id, "--role-session-name", "chain", "--output", "json"]);

        var json = Json(result);
        Assert.Equal($"arn:aws:sts::{world.Workload.Id}:assumed-role/deploy/chain", json.GetProperty("Arn").GetString());
        Assert.Contains("chained sessions last 3600 s", result.Stderr, StringComparison.Ordinal);
        var hops = world.Aws.AssumeRoleRequests.Where(r => r.RoleSessionName == "chain" && r.Action == "AssumeRole").ToList();
        Assert.Equal([world.Hub.RoleArn("hub"), world.Workload.RoleArn("deploy")], hops.Select(h => h.RoleArn));
        Assert.All(hops, h => Assert.Equal(3600, h.DurationSeconds));
    }

    [Fact]
    public async Task An_account_outside_allowed_account_ids_exports_nothing()
    {
        var token = world.Oidc.Mint(CliWorld.Subject, CliWorld.Audience);

        var result = await world.RunAsync(["--role-to-assume", world.OidcRole, "--web-identity-token-file", TokenFile(token),
            "--allowed-account-ids", "999999999999", "--write-profile", "x", "--credentials-file", Path.Combine(_directory, "c"), "--config-file", Path.Combine(_directory, "k")]);

        Assert.Equal(7, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("111122223333", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "c")));
        SecretScan.AssertAbsent(result.AllOutput, world.IssuedSecrets().Append(token), "output");
    }

    [Fact]
    public async Task A_masked_account_is_not_named_when_refused()
    {
        var token = world.Oidc.Mint(CliWorld.Subject, CliWorld.Audience);

        var result = await world.RunAsync(["--role-to-assume", world.OidcRole, "--web-identity-token-file", TokenFile(token),
            "--allowed-account-ids", "999999999999", "--mask-aws-account-id", "true"]);

        Assert.Equal(7, result.ExitCode);
        Assert.DoesNotContain("111122223333", result.Stderr.Replace(world.OidcRole, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
