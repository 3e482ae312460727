using AwsTempCredentials.Testing.GitHub;
using static AwsTempCredentials.Tests.GitHub.GitHubFailureAssert;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>
/// The step's hand-off (profile, GITHUB_ENV, GITHUB_OUTPUT) is one transaction: a target that cannot be opened
/// fails the step before anything is written, and a write that fails midway rolls back what was written. Credentials
/// are fetched for real (OIDC against the fakes) so that there is something to leak.
/// </summary>
public sealed class GitHubHandoffTests
{
    private const string EarlierEnv = "EARLIER_STEP<<ghadelimiter_0f1e\nkept\nghadelimiter_0f1e\n";

    [Fact]
    public async Task Github_output_that_is_a_directory_fails_before_github_env_is_written()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = Deploy(world);
        var directory = Directory.CreateDirectory(Path.Combine(runner.Root, "output-dir")).FullName;
        runner.WithEnv("GITHUB_OUTPUT", directory);
        await File.WriteAllTextAsync(runner.EnvFile, EarlierEnv);
        var before = FilesBefore.Of(runner.EnvFile, Credentials(runner), Config(runner));

        var result = await runner.RunEntrypointAsync();

        Failed(nameof(Github_output_that_is_a_directory_fails_before_github_env_is_written), result, runner, 8, world.Secrets(), before, "GITHUB_OUTPUT", "directory", "Nothing was handed on");
        Assert.NotEmpty(world.Iam.Credentials.Issued);
    }

    [Fact]
    public async Task Github_output_failing_midway_truncates_github_env_back()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = Deploy(world).WithEnv("GITHUB_OUTPUT", "/dev/full");
        await File.WriteAllTextAsync(runner.EnvFile, EarlierEnv);
        var before = FilesBefore.Of(runner.EnvFile, Credentials(runner), Config(runner));

        var result = await runner.RunEntrypointAsync();

        Failed(nameof(Github_output_failing_midway_truncates_github_env_back), result, runner, 8, world.Secrets(), before, "GITHUB_OUTPUT", "no space", "rolled back");
        Assert.Equal("kept", runner.EnvFileValues()["EARLIER_STEP"]);
    }

    [Fact]
    public async Task Github_env_failing_midway_removes_the_profile_written_before_it()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = Deploy(world).With("aws-profile", "deploy").With("output-env-credentials", "true").WithEnv("GITHUB_ENV", "/dev/full");
        var before = FilesBefore.Of(runner.OutputFile, Credentials(runner), Config(runner));

        var result = await runner.RunEntrypointAsync();

        Failed(nameof(Github_env_failing_midway_removes_the_profile_written_before_it), result, runner, 8, world.Secrets(), before, "GITHUB_ENV", "no space", "rolled back");
    }

    [Fact]
    public async Task Github_env_in_a_missing_directory_fails_before_the_profile_is_written()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = Deploy(world).With("aws-profile", "deploy").With("output-env-credentials", "true").WithEnv("GITHUB_ENV", Path.Combine(Path.GetTempPath(), $"gone-{Guid.NewGuid():N}", "set_env"));
        var before = FilesBefore.Of(runner.OutputFile, Credentials(runner), Config(runner));

        var result = await runner.RunEntrypointAsync();

        Failed(nameof(Github_env_in_a_missing_directory_fails_before_the_profile_is_written), result, runner, 8, world.Secrets(), before, "GITHUB_ENV", "directory does not exist");
    }

    [Fact]
    public async Task Existing_profile_files_are_restored_byte_for_byte_when_github_output_fails()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = Deploy(world).With("aws-profile", "deploy").WithEnv("GITHUB_OUTPUT", "/dev/full");
        Directory.CreateDirectory(Path.GetDirectoryName(Credentials(runner))!);
        await File.WriteAllTextAsync(Credentials(runner), "# hand-edited\n[other]\naws_access_key_id = AKIAOTHEROTHEROTHER1\naws_secret_access_key = other-secret\n");
        await File.WriteAllTextAsync(Config(runner), "[profile other]\nregion = us-west-2\noutput = table\n");
        var before = FilesBefore.Of(runner.EnvFile, Credentials(runner), Config(runner));

        var result = await runner.RunEntrypointAsync();

        Failed(nameof(Existing_profile_files_are_restored_byte_for_byte_when_github_output_fails), result, runner, 8, world.Secrets(), before, "GITHUB_OUTPUT", "rolled back");
    }

    [Fact]
    public async Task Config_file_that_cannot_be_written_after_the_credentials_file_leaves_neither()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = Deploy(world).With("aws-profile", "deploy");
        var blocker = Path.Combine(runner.Root, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "a file where a directory is expected\n");
        var credentials = Path.Combine(runner.Root, "aws", "credentials");
        var config = Path.Combine(blocker, "config");
        runner.WithEnv("AWS_SHARED_CREDENTIALS_FILE", credentials).WithEnv("AWS_CONFIG_FILE", config);
        var before = FilesBefore.Of(runner.EnvFile, runner.OutputFile, credentials, config);

        var result = await runner.RunEntrypointAsync();

        Failed(nameof(Config_file_that_cannot_be_written_after_the_credentials_file_leaves_neither), result, runner, 8, world.Secrets(), before, "config cannot be created", "is not a directory", "Nothing was written");
    }

    [Fact]
    public async Task Credentials_file_that_is_a_directory_fails_before_anything_is_written()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = Deploy(world).With("aws-profile", "deploy");
        var credentials = Directory.CreateDirectory(Path.Combine(runner.Root, "credentials-dir")).FullName;
        var config = Path.Combine(runner.Root, "config");
        runner.WithEnv("AWS_SHARED_CREDENTIALS_FILE", credentials).WithEnv("AWS_CONFIG_FILE", config);
        var before = FilesBefore.Of(runner.EnvFile, runner.OutputFile, config);

        var result = await runner.RunEntrypointAsync();

        Failed(nameof(Credentials_file_that_is_a_directory_fails_before_anything_is_written), result, runner, 8, world.Secrets(), before, "profile 'deploy'", "directory");
    }

    private static RunnerEnvironment Deploy(GitHubAwsWorld world) =>
        world.DeployStep().With("output-credentials", "true");

    private static string Credentials(RunnerEnvironment runner) => Path.Combine(runner.Home, ".aws", "credentials");

    private static string Config(RunnerEnvironment runner) => Path.Combine(runner.Home, ".aws", "config");
}
