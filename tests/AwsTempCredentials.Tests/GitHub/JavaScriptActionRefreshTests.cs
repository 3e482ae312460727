using AwsTempCredentials.Testing;
using AwsTempCredentials.Tests.Core.Output;
using AwsTempCredentials.Testing.GitHub;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>
/// <c>refresh: true</c> through the JavaScript action: the main step leaves a profile whose credential_process runs the
/// action's executable again; after the first credentials have expired, the AWS CLI in a later step (the job's
/// environment plus what the step exported, no INPUT_*) still gets in; the post step removes what the main step wrote.
/// </summary>
public sealed class JavaScriptActionRefreshTests
{
    [Fact]
    public async Task Oidc_later_steps_get_fresh_credentials_after_the_first_expired_and_post_removes_the_profile()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.Runner()
            .With("role-to-assume", world.DeployRole).With("aws-region", "eu-west-1").With("refresh", "true").With("output-credentials", "true");

        var main = await JavaScriptAction.RunMainAsync(runner);

        Assert.True(main.ExitCode == 0, main.ToString());
        var env = runner.EnvFileValues();
        Assert.Equal(string.Empty, env["AWS_ACCESS_KEY_ID"]); // environment credentials would beat the profile
        Assert.Equal(string.Empty, env["AWS_SECRET_ACCESS_KEY"]);
        Assert.Equal("aws-temp-credentials", env["AWS_PROFILE"]);
        Assert.Equal("eu-west-1", env["AWS_REGION"]);
        var config = env["AWS_CONFIG_FILE"];
        Assert.StartsWith(runner.Root, config, StringComparison.Ordinal);
        var profileText = File.ReadAllText(config);
        Assert.Contains("credential_process", profileText, StringComparison.Ordinal);
        Assert.Contains("'github' 'credential-process'", profileText, StringComparison.Ordinal);
        SecretScan.AssertAbsent(profileText, world.Secrets(), "the refreshing profile");
        Assert.Equal(GitHubAwsWorld.Account.Id, runner.Outputs()["aws-account-id"]);
        EntrypointAssert.MasksFirst(main, world.Secrets());

        var first = Assert.Single(world.Iam.Credentials.Issued);
        world.Iam.Credentials.Expire(first.AccessKeyId);
        var stale = await world.AwsCliAsync(new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = first.AccessKeyId, ["AWS_SECRET_ACCESS_KEY"] = first.SecretAccessKey, ["AWS_SESSION_TOKEN"] = first.SessionToken!,
            ["AWS_REGION"] = "eu-west-1",
        }, runner.Home);
        Assert.True(stale.ExitCode != 0, "the first credentials should have expired:\n" + stale);
        Assert.Contains("ExpiredToken", stale.Stderr, StringComparison.Ordinal);

        for (var step = 1; step <= 2; step++)
        {
            var cli = await LaterStepAwsCliAsync(runner, world);
            Assert.True(cli.ExitCode == 0, cli.ToString());
            Assert.Contains("assumed-role/deploy/GitHubActions", cli.Stdout, StringComparison.Ordinal);
            Assert.Equal(1 + step, world.Iam.Credentials.Issued.Count);
            Assert.Equal(1 + step, world.GitHub.Requests.Count); // a fresh ID token each time
        }

        var directory = Path.GetDirectoryName(config)!;
        var post = await JavaScriptAction.RunPostAsync(runner);
        Assert.True(post.ExitCode == 0, post.ToString());
        Assert.False(Directory.Exists(directory), "the post step left " + directory);
        Assert.Empty(Directory.EnumerateDirectories(runner.Root, "aws-temp-credentials-*"));
    }

    [Fact]
    public async Task Oidc_on_a_windows_runner_the_profile_runs_the_win_x64_build_again_and_post_removes_it()
    {
        Requires.Check(WindowsRunnerUnderWine.Unavailable());
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.Runner().With("role-to-assume", world.DeployRole).With("aws-region", "eu-west-1").With("refresh", "true");

        var main = await WindowsRunnerUnderWine.RunMainAsync(runner);

        Assert.True(main.ExitCode == 0, main.ToString());
        var env = runner.EnvFileValues();
        Assert.Equal(string.Empty, env["AWS_ACCESS_KEY_ID"]);
        Assert.Equal("aws-temp-credentials", env["AWS_PROFILE"]);
        var config = WindowsRunnerUnderWine.UnixPath(env["AWS_CONFIG_FILE"]);
        Assert.StartsWith(runner.Root, config, StringComparison.Ordinal);
        var line = Assert.Single(File.ReadAllLines(config), l => l.StartsWith("credential_process = ", StringComparison.Ordinal))["credential_process = ".Length..];
        SecretScan.AssertAbsent(line, world.Secrets(), "the refreshing profile");

        // The AWS CLI on Windows splits the line with botocore's Windows rules, then starts the program without a shell.
        var argv = await BotocoreCommandLine.SplitAsync(line, windows: true);
        Assert.Equal(WindowsRunnerUnderWine.WindowsPath(Path.Combine(JavaScriptAction.Directory, "bin", "win-x64", "aws-temp-credentials.exe")), argv[0]);
        Assert.Equal(["github", "credential-process"], argv[1..3]);
        Assert.Equal(["--output", "credential-process"], argv[^2..]);
        Assert.Equal(world.DeployRole, argv[Array.IndexOf(argv, "--role-to-assume") + 1]);

        // A later step: the job's environment (ID-token variables, endpoints) with GITHUB_ENV applied, no inputs.
        var later = runner.Build().Where(p => !p.Key.StartsWith("INPUT_", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);
        foreach (var (name, value) in env)
        {
            later[name] = value;
        }

        world.Iam.Credentials.Expire(Assert.Single(world.Iam.Credentials.Issued).AccessKeyId);
        var direct = await WindowsRunnerUnderWine.RunProgramAsync(argv, later, runner.Workspace);
        // Other SDKs (JavaScript, Go) hand the whole line to cmd.exe /c.
        var viaCmd = await WindowsRunnerUnderWine.RunProgramAsync(["cmd", "/c", line], later, runner.Workspace);
        foreach (var (run, issued) in new[] { (direct, 1), (viaCmd, 2) })
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
            Assert.Equal(1, json.RootElement.GetProperty("Version").GetInt32());
            Assert.Equal(world.Iam.Credentials.Issued.ElementAt(issued).AccessKeyId, json.RootElement.GetProperty("AccessKeyId").GetString());
        }

        Assert.Equal(3, world.GitHub.Requests.Count); // a fresh ID token each time

        var post = await WindowsRunnerUnderWine.RunPostAsync(runner);
        Assert.True(post.ExitCode == 0, post.ToString());
        Assert.False(File.Exists(config), "the post step left " + config);
        Assert.Empty(Directory.EnumerateDirectories(runner.Root, "aws-temp-credentials-*"));
    }

    [Fact]
    public async Task Roles_anywhere_refresh_keeps_the_key_0600_until_the_post_step()
    {
        await using var aws = await FakeAws.StartAsync(new FakeAwsOptions { Https = true });
        var leaf = TestPki.Shared.Leaf(TestKeyType.EcP256);
        using var runner = GitHubAwsWorld.RolesAnywhereStep(aws, leaf)
            .WithEnv("AWS_CA_BUNDLE", aws.CaBundlePath!)
            .With("refresh", "true").With("allow-private-key-on-disk", "true");

        var main = await JavaScriptAction.RunMainAsync(runner);

        Assert.True(main.ExitCode == 0, main.ToString());
        Assert.Contains(WorkflowCommandParser.Parse(main.Stdout), c => c.Name == "warning" && c.Data.Contains("allow-private-key-on-disk", StringComparison.Ordinal));
        var env = runner.EnvFileValues();
        var directory = Path.GetDirectoryName(env["AWS_CONFIG_FILE"])!;
        var key = Path.Combine(directory, "private-key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        SecretScan.AssertAbsent(File.ReadAllText(env["AWS_CONFIG_FILE"]), [leaf.PrivateKeyPkcs8Pem], "the refreshing profile");

        var first = Assert.Single(aws.Credentials.Issued);
        aws.Credentials.Expire(first.AccessKeyId);
        var later = new Dictionary<string, string>(env) { ["PATH"] = "/usr/bin:/bin", ["HOME"] = runner.Home, ["AWS_CA_BUNDLE"] = aws.CaBundlePath! };
        foreach (var name in new[] { "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_ROLESANYWHERE" })
        {
            later[name] = runner.Build()[name];
        }

        var cli = await ProcessRunner.RunAsync("/usr/bin/aws", ["sts", "get-caller-identity", "--endpoint-url", aws.StsUrl.ToString()], later);
        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.Contains("assumed-role/ra-deploy/", cli.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, aws.CreateSessionRequests.Count);

        var post = await JavaScriptAction.RunPostAsync(runner);
        Assert.True(post.ExitCode == 0, post.ToString());
        Assert.False(File.Exists(key));
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task The_container_action_refuses_refresh_and_exports_nothing()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.DeployStep().With("refresh", "true");
        var result = await runner.RunStepAsync(ActionEntry.Entrypoint);
        EntrypointAssert.FailedCleanly(result, runner, world.Secrets(), "refresh", "JavaScript action");
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(world.Iam.Credentials.Issued);
    }

    [Fact]
    public async Task Roles_anywhere_refresh_without_the_opt_in_is_refused_before_any_call()
    {
        using var pki = new LocalPki();
        var keyPem = pki.Key.ExportPkcs8PrivateKeyPem();
        using var runner = new RunnerEnvironment()
            .With("trust-anchor-arn", "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0f2c3a4b-1111-2222-3333-444455556666")
            .With("profile-arn", "arn:aws:rolesanywhere:eu-west-1:111122223333:profile/1a2b3c4d-1111-2222-3333-444455556666")
            .With("role-to-assume", "arn:aws:iam::111122223333:role/deploy")
            .With("certificate", pki.CertificatePem).With("private-key", keyPem).With("refresh", "true");
        var result = await JavaScriptAction.RunMainAsync(runner);
        EntrypointAssert.FailedCleanly(result, runner, [keyPem], "refresh", "allow-private-key-on-disk");
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(File.ReadAllText(runner.StateFile));
    }

    /// <summary>A later <c>run:</c> step: the job's environment (ID-token variables, endpoints) with GITHUB_ENV applied, no inputs.</summary>
    private static Task<ProcessResult> LaterStepAwsCliAsync(RunnerEnvironment runner, GitHubAwsWorld world)
    {
        var environment = runner.Build().Where(p => !p.Key.StartsWith("INPUT_", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);
        foreach (var (name, value) in runner.EnvFileValues())
        {
            environment[name] = value;
        }

        environment["PATH"] = "/usr/bin:/bin";
        return ProcessRunner.RunAsync("/usr/bin/aws", ["sts", "get-caller-identity", "--endpoint-url", world.Sts.BaseAddress.ToString(), "--output", "json"], environment);
    }
}
