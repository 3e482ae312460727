using System.Text.Json;
using AwsTempCredentials.Testing.Faults;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Cli;

/// <summary>
/// Throttling is waited out within the throttling budget, faults get a few attempts, and every hop is one call:
/// the fakes' request counters show what the binary really sent.
/// </summary>
public sealed class CliRetryTests(CliWorld world) : IClassFixture<CliWorld>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("awstc-cli-retry-").FullName;

    public void Dispose()
    {
        world.Aws.RolesAnywhere.Faults.Clear();
        world.Aws.Sts.Faults.Clear();
        Directory.Delete(_directory, recursive: true);
    }

    private List<string> RolesAnywhere()
    {
        var files = CliWorld.Pki.Leaf(TestKeyType.EcP256, viaIntermediate: true).WriteTo(Path.Combine(_directory, "leaf"));
        return [.. world.RolesAnywhereArguments(), "--certificate", files.CertificatePath, "--private-key", files.PrivateKeyPath,
            "--certificate-chain", files.ChainPath!, "--output", "json"];
    }

    private List<string> WebIdentity()
    {
        var token = Path.Combine(_directory, $"token-{Guid.NewGuid():N}");
        File.WriteAllText(token, world.Oidc.Mint(CliWorld.Subject, CliWorld.Audience));
        return ["--role-to-assume", world.OidcRole, "--web-identity-token-file", token, "--aws-region", "eu-west-1", "--output", "json"];
    }

    private static JsonElement Json(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.Clone();
    }

    private static int Lines(string text, string containing) =>
        text.Split('\n').Count(line => line.Contains(containing, StringComparison.Ordinal));

    [Fact]
    public async Task Throttled_create_session_is_waited_out_with_one_progress_line_per_wait()
    {
        world.Aws.RolesAnywhere.Faults.Enqueue(FaultKind.Throttle, count: 2);

        var result = await world.RunAsync([.. RolesAnywhere(), "--retry-max-attempts", "1"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, Lines(result.Stderr, "is throttled (ThrottlingException); next attempt in"));
        Assert.Contains("of the throttling budget left", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, world.Aws.RolesAnywhere.Faults.Pending);
    }

    [Theory]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.ServerError)]
    [InlineData(FaultKind.ConnectionReset)]
    public async Task Faults_get_a_few_attempts(FaultKind fault)
    {
        world.Aws.RolesAnywhere.Faults.Enqueue(fault, count: 2);

        var result = await world.RunAsync(RolesAnywhere());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, Lines(result.Stderr, "next attempt in"));
        Assert.Contains("(attempt 3 of 3)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Faults_beyond_retry_max_attempts_fail_with_exit_5()
    {
        world.Aws.RolesAnywhere.Faults.Enqueue(FaultKind.ServiceUnavailable, count: 2);
        var before = world.Aws.RolesAnywhere.Requests.Total;

        var result = await world.RunAsync([.. RolesAnywhere(), "--retry-max-attempts", "2"]);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("kept failing", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before + 2, world.Aws.RolesAnywhere.Requests.Total);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_budget_names_the_quota_account_region_and_fix()
    {
        world.Aws.RolesAnywhere.Faults.Enqueue(FaultKind.Throttle, count: 1000);

        var result = await world.RunAsync([.. RolesAnywhere(), "--throttling-budget-s", "3"]);

        world.Aws.RolesAnywhere.Faults.Clear();
        Assert.True(result.ExitCode == 5, result.ToString());
        var error = result.Stderr;
        Assert.Contains("was still throttled (ThrottlingException) after", error, StringComparison.Ordinal);
        Assert.Contains("'Rate of CreateSession requests' (10 per second by default)", error, StringComparison.Ordinal);
        Assert.Contains($"account {world.Aws.DefaultAccount.Id} in {world.Aws.RolesAnywhere.Region}", error, StringComparison.Ordinal);
        Assert.Contains("Service Quotas", error, StringComparison.Ordinal);
        Assert.Contains("throttling-budget-s (now 3)", error, StringComparison.Ordinal);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(30), $"took {result.Elapsed}");
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public async Task A_zero_throttling_budget_fails_on_the_first_throttled_answer()
    {
        world.Aws.RolesAnywhere.Faults.Enqueue(FaultKind.Throttle, count: 5);
        var before = world.Aws.RolesAnywhere.Requests.Total;

        var result = await world.RunAsync([.. RolesAnywhere(), "--throttling-budget-s", "0"]);

        world.Aws.RolesAnywhere.Faults.Clear();
        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Equal(before + 1, world.Aws.RolesAnywhere.Requests.Total);
        Assert.Contains("throttling-budget-s is 0", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_action_timeout_bounds_the_throttling_budget()
    {
        world.Aws.RolesAnywhere.Faults.Enqueue(FaultKind.Throttle, count: 1000);

        var result = await world.RunAsync([.. RolesAnywhere(), "--action-timeout-s", "3"]);

        world.Aws.RolesAnywhere.Faults.Clear();
        Assert.True(result.ExitCode is 5 or 6, result.ToString());
        Assert.Contains("throttl", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(30), $"took {result.Elapsed}");
    }

    [Fact]
    public async Task Sts_throttling_is_waited_out()
    {
        world.Aws.Sts.Faults.Enqueue(FaultKind.Throttle, count: 2, action: "AssumeRoleWithWebIdentity");
        var before = world.Aws.Sts.Requests["AssumeRoleWithWebIdentity"];

        var result = await world.RunAsync(WebIdentity());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(before + 3, world.Aws.Sts.Requests["AssumeRoleWithWebIdentity"]);
        Assert.Equal(2, Lines(result.Stderr, "AssumeRoleWithWebIdentity at"));
        Assert.Contains("is throttled (Throttling)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sts_throttling_that_outlasts_the_budget_names_the_sts_quota()
    {
        world.Aws.Sts.Faults.Enqueue(FaultKind.Throttle, count: 1000, action: "AssumeRoleWithWebIdentity");

        var result = await world.RunAsync([.. WebIdentity(), "--throttling-budget-s", "2"]);

        world.Aws.Sts.Faults.Clear();
        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("The STS request rate quota of account 111122223333 in eu-west-1", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public async Task Roles_anywhere_is_one_call_the_identity_comes_from_its_answer()
    {
        var sessions = world.Aws.RolesAnywhere.Requests.Total;
        var sts = world.Aws.Sts.Requests.Total;

        var json = Json(await world.RunAsync(RolesAnywhere()));

        Assert.Equal(sessions + 1, world.Aws.RolesAnywhere.Requests.Total);
        Assert.Equal(sts, world.Aws.Sts.Requests.Total);
        Assert.Equal(world.Aws.DefaultAccount.Id, json.GetProperty("Account").GetString());
        Assert.StartsWith($"arn:aws:sts::{world.Aws.DefaultAccount.Id}:assumed-role/deploy/", json.GetProperty("Arn").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oidc_and_each_chained_role_are_one_call_per_hop()
    {
        var before = world.Aws.Sts.Requests.Snapshot();

        var json = Json(await world.RunAsync([.. WebIdentity(), "--role-chaining", $"{world.Hub.RoleArn("hub")},{world.Workload.RoleArn("deploy")}",
            "--allowed-account-ids", world.Workload.Id]));

        var after = world.Aws.Sts.Requests.Snapshot();
        int Delta(string action) => after.GetValueOrDefault(action) - before.GetValueOrDefault(action);
        Assert.Equal(1, Delta("AssumeRoleWithWebIdentity"));
        Assert.Equal(2, Delta("AssumeRole"));
        Assert.Equal(0, Delta("GetCallerIdentity"));
        Assert.Equal(world.Workload.Id, json.GetProperty("Account").GetString());
    }

    [Fact]
    public async Task Plain_access_keys_still_ask_get_caller_identity_who_they_are()
    {
        var environment = world.Environment();
        environment["KEY_SECRET"] = world.User.SecretAccessKey;
        var before = world.Aws.Sts.Requests["GetCallerIdentity"];

        var json = Json(await world.RunAsync(["--aws-access-key-id", world.User.AccessKeyId, "--aws-secret-access-key", "env:KEY_SECRET", "--output", "json"], environment));

        Assert.Equal(before + 1, world.Aws.Sts.Requests["GetCallerIdentity"]);
        Assert.Equal(world.User.Arn, json.GetProperty("Arn").GetString());
    }
}
