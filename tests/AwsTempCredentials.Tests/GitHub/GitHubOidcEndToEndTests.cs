using AwsTempCredentials.Testing.Faults;
using AwsTempCredentials.Testing.GitHub;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>
/// The entrypoint, driven exactly as the runner drives a container action, against loopback STS and ID-token fakes;
/// the cases that take an <see cref="ActionEntry"/> also run through the JavaScript action, on Linux and on Windows.
/// </summary>
public sealed class GitHubOidcEndToEndTests
{
    private static readonly string[] CredentialVariables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION"];

    [Theory]
    [MemberData(nameof(ActionEntries.All), MemberType = typeof(ActionEntries))]
    public async Task Oidc_exports_credentials_the_aws_cli_uses(ActionEntry entry)
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        world.GitHub.FailuresBeforeSuccess = 2;
        using var runner = world.DeployStep().With("output-credentials", "true");

        var result = await runner.RunStepAsync(entry);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([(GitHubAwsWorld.Audience, 503), (GitHubAwsWorld.Audience, 503), (GitHubAwsWorld.Audience, 200)], world.GitHub.Requests.ToArray());
        var env = runner.EnvFileValues();
        // Whatever the runner's OS, GITHUB_ENV reads the same with LF or CRLF line ends (the Windows runner accepts both).
        Assert.Equal(FileCommandParser.ParseFile(runner.EnvFile), FileCommandParser.ParseFile(runner.EnvFile, windowsRunner: true));
        Assert.All(CredentialVariables, name => Assert.False(string.IsNullOrEmpty(env[name]), name));
        Assert.Equal("eu-west-1", env["AWS_REGION"]);
        var issued = Assert.Single(world.Iam.Credentials.Issued);
        Assert.Equal(issued.AccessKeyId, env["AWS_ACCESS_KEY_ID"]);
        Assert.Equal(issued.SessionToken, env["AWS_SESSION_TOKEN"]);

        var outputs = runner.Outputs();
        Assert.Equal(GitHubAwsWorld.Account.Id, outputs["aws-account-id"]);
        Assert.Equal($"arn:aws:sts::{GitHubAwsWorld.Account.Id}:assumed-role/deploy/GitHubActions", outputs["authenticated-arn"]);
        Assert.Equal(issued.SecretAccessKey, outputs["aws-secret-access-key"]);
        Assert.Equal(issued.SessionToken, outputs["aws-session-token"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", outputs["aws-expiration"]);

        var record = Assert.Single(world.Sts.AssumeRoleRequests);
        Assert.Equal("AssumeRoleWithWebIdentity", record.Action);
        Assert.Equal("GitHubActions", record.RoleSessionName);

        EntrypointAssert.MasksFirst(result, world.Secrets());
        SecretScan.AssertAbsent(runner.StepSummary(), world.Secrets(), "GITHUB_STEP_SUMMARY");
        Assert.Contains("OIDC web identity", runner.StepSummary(), StringComparison.Ordinal);
        Assert.Contains(GitHubAwsWorld.Account.Id, runner.StepSummary(), StringComparison.Ordinal);
        Assert.Contains($"| Token issuer | GitHub Actions issuer: `{GitHubIdTokenEndpoint.Issuer}` |", runner.StepSummary(), StringComparison.Ordinal);
        Assert.Contains($"| Token subject | `{world.GitHub.Subject}` |", runner.StepSummary(), StringComparison.Ordinal);
        Assert.All(GitHubAwsWorld.TokenClaims, claim => Assert.Contains($"| Token {claim.Key} | `{claim.Value}` |", runner.StepSummary(), StringComparison.Ordinal));
        Assert.Contains(
            $"| IAM OIDC provider | `{GitHubIdTokenEndpoint.Issuer}` with client id (audience) `{GitHubAwsWorld.Audience}`: `arn:aws:iam::{GitHubAwsWorld.Account.Id}:oidc-provider/token.actions.githubusercontent.com` |",
            runner.StepSummary(), StringComparison.Ordinal);

        var cli = await world.AwsCliAsync(env, runner.Home);
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Contains($"assumed-role/deploy/GitHubActions", cli.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_audience_and_masked_account()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.Runner()
            .With("role-to-assume", world.DeployRole).With("aws-region", "us-east-2")
            .With("audience", "custom-audience").With("mask-aws-account-id", "true").With("role-session-name", "deploy-42");

        var result = await runner.RunEntrypointAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("custom-audience", world.GitHub.Requests.Single().Audience);
        EntrypointAssert.MasksFirst(result, world.Secrets().Append(GitHubAwsWorld.Account.Id));
        Assert.DoesNotContain(GitHubAwsWorld.Account.Id, runner.StepSummary(), StringComparison.Ordinal);
        Assert.Contains("with client id (audience) `custom-audience`: `arn:aws:iam::***:oidc-provider/token.actions.githubusercontent.com`", runner.StepSummary(), StringComparison.Ordinal);
        Assert.Equal("deploy-42", world.Sts.AssumeRoleRequests.Single().RoleSessionName);
        Assert.False(runner.Outputs().ContainsKey("aws-secret-access-key"));
        var cli = await world.AwsCliAsync(runner.EnvFileValues(), runner.Home);
        Assert.True(cli.ExitCode == 0, cli.ToString());
    }

    [Theory]
    [MemberData(nameof(ActionEntries.All), MemberType = typeof(ActionEntries))]
    public async Task Access_keys_assume_a_role_with_the_session_tags_configure_aws_credentials_sends(ActionEntry entry)
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.Runner(idToken: false)
            .With("aws-access-key-id", world.User.AccessKeyId).With("aws-secret-access-key", world.User.SecretAccessKey)
            .With("role-to-assume", world.UserRole).With("aws-region", "eu-central-1").With("role-external-id", "ext-123")
            .With("transitive-tag-keys", "Repository\nActor").With("custom-tags", """{"Team": "Platform"}""");
        runner.Workflow = "Deploy (prod)";

        var result = await runner.RunStepAsync(entry);

        Assert.True(result.ExitCode == 0, result.ToString());
        var record = Assert.Single(world.Sts.AssumeRoleRequests);
        Assert.Equal("AssumeRole", record.Action);
        Assert.Equal("ext-123", record.ExternalId);
        Assert.Equal(
            [("GitHub", "Actions"), ("Repository", "octo-org/octo-repo"), ("Workflow", "Deploy _prod_"), ("Action", runner.Action),
             ("Actor", "octocat"), ("Commit", runner.Sha), ("Branch", "refs/heads/main"), ("Team", "Platform")],
            record.Tags.Select(t => (t.Key, t.Value)));
        Assert.Equal(["Repository", "Actor"], record.TransitiveTagKeys);
        EntrypointAssert.MasksFirst(result, world.Secrets());
        var cli = await world.AwsCliAsync(runner.EnvFileValues(), runner.Home);
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Contains("assumed-role/ci-user-role/GitHubActions", cli.Stdout, StringComparison.Ordinal);

        using var untagged = world.Runner(idToken: false)
            .With("aws-access-key-id", world.User.AccessKeyId).With("aws-secret-access-key", world.User.SecretAccessKey)
            .With("role-to-assume", world.UserRole).With("aws-region", "eu-central-1").With("role-skip-session-tagging", "true");
        Assert.Equal(0, (await untagged.RunStepAsync(entry)).ExitCode);
        Assert.Empty(world.Sts.AssumeRoleRequests.Last().Tags);
    }

    [Fact]
    public async Task Access_keys_alone_are_exported_with_an_empty_session_token()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.Runner(idToken: false)
            .With("aws-access-key-id", world.User.AccessKeyId).With("aws-secret-access-key", world.User.SecretAccessKey).With("aws-region", "eu-west-1");

        var result = await runner.RunEntrypointAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var env = runner.EnvFileValues();
        Assert.Equal(string.Empty, env["AWS_SESSION_TOKEN"]);
        Assert.Equal(world.User.AccessKeyId, env["AWS_ACCESS_KEY_ID"]);
        EntrypointAssert.MasksFirst(result, world.Secrets());
        var cli = await world.AwsCliAsync(env, runner.Home);
        Assert.True(cli.ExitCode == 0, cli.ToString());
    }

    [Theory]
    [MemberData(nameof(ActionEntries.All), MemberType = typeof(ActionEntries))]
    public async Task Role_chaining_into_another_account(ActionEntry entry)
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.Runner()
            .With("role-to-assume", world.DeployRole).With("aws-region", "eu-west-1")
            .With("role-chaining", world.OtherRole).With("allowed-account-ids", GitHubAwsWorld.Other.Id);

        var result = await runner.RunStepAsync(entry);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["AssumeRoleWithWebIdentity", "AssumeRole"], world.Sts.AssumeRoleRequests.Select(r => r.Action));
        Assert.Equal(GitHubAwsWorld.Other.Id, runner.Outputs()["aws-account-id"]);
        var cli = await world.AwsCliAsync(runner.EnvFileValues(), runner.Home);
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Contains($"{GitHubAwsWorld.Other.Id}:assumed-role/workload/", cli.Stdout, StringComparison.Ordinal);
        EntrypointAssert.MasksFirst(result, world.Secrets());
    }

    [Theory]
    [MemberData(nameof(ActionEntries.All), MemberType = typeof(ActionEntries))]
    public async Task An_account_outside_allowed_account_ids_exports_nothing(ActionEntry entry)
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.Runner()
            .With("role-to-assume", world.DeployRole).With("aws-region", "eu-west-1").With("allowed-account-ids", GitHubAwsWorld.Other.Id);
        var result = await runner.RunStepAsync(entry);
        EntrypointAssert.FailedCleanly(result, runner, world.Secrets(), "allowed-account-ids");
        Assert.Equal(7, result.ExitCode);
    }

    [Theory]
    [MemberData(nameof(ActionEntries.All), MemberType = typeof(ActionEntries))]
    public async Task Denied_role_explains_the_trust_policy(ActionEntry entry)
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.Runner().With("role-to-assume", world.OtherRole).With("aws-region", "eu-west-1");
        var result = await runner.RunStepAsync(entry);
        EntrypointAssert.FailedCleanly(result, runner, world.Secrets(), "AssumeRoleWithWebIdentity", "trust policy", "repo:octo-org/octo-repo:ref:refs/heads/main");
        Assert.Equal(4, result.ExitCode);
    }

    [Fact]
    public async Task Throttling_is_waited_out_and_retry_max_attempts_does_not_cut_it_short()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        world.Sts.Faults.Enqueue(FaultKind.Throttle, 2, "AssumeRoleWithWebIdentity");
        using var runner = world.DeployStep().With("retry-max-attempts", "1");
        var result = await runner.RunEntrypointAsync();
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, world.Sts.Requests["AssumeRoleWithWebIdentity"]);
        Assert.Equal(2, result.Stdout.Split('\n').Count(line => line.Contains("is throttled (Throttling); next attempt in", StringComparison.Ordinal)));
        EntrypointAssert.MasksFirst(result, world.Secrets());
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_budget_fails_cleanly()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        world.Sts.Faults.Enqueue(FaultKind.Throttle, 1000, "AssumeRoleWithWebIdentity");
        using var runner = world.DeployStep().With("throttling-budget-s", "2");
        var result = await runner.RunEntrypointAsync();
        EntrypointAssert.FailedCleanly(result, runner, world.Secrets(), "still throttled", "STS request rate quota", "throttling-budget-s");
        Assert.Equal(5, result.ExitCode);
    }

    [Fact]
    public async Task Disable_retry_fails_on_the_first_throttled_answer()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        world.Sts.Faults.Enqueue(FaultKind.Throttle, 20, "AssumeRoleWithWebIdentity");
        using var runner = world.DeployStep().With("disable-retry", "true");
        var result = await runner.RunEntrypointAsync();
        EntrypointAssert.FailedCleanly(result, runner, world.Secrets(), "throttl", "disable-retry");
        Assert.Equal(5, result.ExitCode);
        Assert.Equal(1, world.Sts.Requests["AssumeRoleWithWebIdentity"]);
    }

    [Fact]
    public async Task Oidc_is_one_sts_call_the_outputs_come_from_its_answer()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.DeployStep();
        var result = await runner.RunEntrypointAsync();
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, world.Sts.Requests.Total);
        Assert.Equal(GitHubAwsWorld.Account.Id, runner.Outputs()["aws-account-id"]);
        Assert.StartsWith($"arn:aws:sts::{GitHubAwsWorld.Account.Id}:assumed-role/", runner.Outputs()["authenticated-arn"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aws_profile_is_written_to_the_runner_home_instead_of_the_environment()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.DeployStep().With("aws-profile", "deploy");

        var result = await runner.RunEntrypointAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(runner.EnvFileValues());
        Assert.Equal(GitHubAwsWorld.Account.Id, runner.Outputs()["aws-account-id"]);
        var cli = await world.AwsCliAsync(new Dictionary<string, string>(), runner.Home, "--profile", "deploy");
        Assert.True(cli.ExitCode == 0, cli.ToString());

        using var again = world.DeployStep().With("aws-profile", "deploy");
        Directory.Move(Path.Combine(runner.Home, ".aws"), Path.Combine(again.Home, ".aws"));
        Assert.Equal(2, (await again.RunEntrypointAsync()).ExitCode);
        using var overwrite = world.DeployStep()
            .With("aws-profile", "deploy").With("overwrite-aws-profile", "true").With("output-env-credentials", "true");
        Directory.Move(Path.Combine(again.Home, ".aws"), Path.Combine(overwrite.Home, ".aws"));
        Assert.Equal(0, (await overwrite.RunEntrypointAsync()).ExitCode);
        Assert.Equal("deploy", overwrite.EnvFileValues()["AWS_PROFILE"]);
    }

    [Fact]
    public async Task Use_existing_credentials_keeps_valid_ones_and_exports_nothing()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.Runner()
            .With("role-to-assume", world.DeployRole).With("aws-region", "eu-west-1").With("use-existing-credentials", "true")
            .WithEnv("AWS_ACCESS_KEY_ID", world.User.AccessKeyId).WithEnv("AWS_SECRET_ACCESS_KEY", world.User.SecretAccessKey);

        var result = await runner.RunEntrypointAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(WorkflowCommandParser.Parse(result.Stdout), c => c.Name == "notice" && c.Data.Contains("use-existing-credentials", StringComparison.Ordinal));
        Assert.Empty(world.Sts.AssumeRoleRequests);
        Assert.Empty(runner.EnvFileValues());
        EntrypointAssert.MasksFirst(result, world.Secrets());
    }
}
