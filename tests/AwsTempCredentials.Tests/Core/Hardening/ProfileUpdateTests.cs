using AwsTempCredentials.Credentials;
using AwsTempCredentials.Errors;
using AwsTempCredentials.IO;
using AwsTempCredentials.Output;

namespace AwsTempCredentials.Tests.Core.Hardening;

/// <summary>Profile writes are one transaction under a lock: staged, then published, or nothing at all.</summary>
public sealed class ProfileUpdateTests : IDisposable
{
    private static readonly SessionCredentials Credentials = new("ASIAEXAMPLEEXAMPLE12", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "IQoJtoken", null);
    private readonly string _directory = Directory.CreateTempSubdirectory("awstc-update-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string CredentialsFile => Path.Combine(_directory, "credentials");

    private string ConfigFile => Path.Combine(_directory, "config");

    [Fact]
    public void A_staged_profile_is_invisible_until_committed_and_gone_without_a_trace_when_dropped()
    {
        File.WriteAllText(CredentialsFile, "[keep]\nx = 1\n");
        var writer = new AwsProfileWriter(CredentialsFile, ConfigFile);

        using (var update = writer.StageCredentials("ci", Credentials, "eu-west-1"))
        {
            Assert.Equal("[keep]\nx = 1\n", File.ReadAllText(CredentialsFile));
            Assert.False(File.Exists(ConfigFile));
        }

        Assert.Equal("[keep]\nx = 1\n", File.ReadAllText(CredentialsFile));
        Assert.False(File.Exists(ConfigFile));
        Assert.Empty(Directory.EnumerateFiles(_directory, "*.tmp"));
    }

    [Fact]
    public void Rollback_after_commit_puts_both_files_back()
    {
        File.WriteAllText(CredentialsFile, "[keep]\nx = 1\n");
        using var update = new AwsProfileWriter(CredentialsFile, ConfigFile).StageCredentials("ci", Credentials, "eu-west-1");

        update.Commit();
        Assert.Contains("[ci]", File.ReadAllText(CredentialsFile), StringComparison.Ordinal);
        update.Rollback();

        Assert.Equal("[keep]\nx = 1\n", File.ReadAllText(CredentialsFile));
        Assert.False(File.Exists(ConfigFile));
    }

    [Fact]
    public void A_config_path_that_is_a_directory_fails_before_the_credentials_file_changes()
    {
        File.WriteAllText(CredentialsFile, "[keep]\nx = 1\n");
        Directory.CreateDirectory(ConfigFile);

        var error = Assert.Throws<PlatformException>(() => new AwsProfileWriter(CredentialsFile, ConfigFile).WriteCredentials("ci", Credentials, null));

        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
        Assert.Equal("[keep]\nx = 1\n", File.ReadAllText(CredentialsFile));
        Assert.Empty(Directory.EnumerateFiles(_directory, "*.tmp"));
    }

    [Theory]
    [InlineData("/dev/null")]
    [InlineData("fifo")]
    public void A_device_or_fifo_is_never_replaced(string target)
    {
        var path = target == "fifo" ? MakeFifo() : target;

        var error = Assert.Throws<PlatformException>(() => new AwsProfileWriter(path, ConfigFile).WriteCredentials("ci", Credentials, null));

        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(ConfigFile));
        Assert.Equal(FileKind.Special, FileKinds.Of(path));
    }

    [Fact]
    public void A_symbolic_link_keeps_pointing_at_its_target()
    {
        var real = Path.Combine(_directory, "real-credentials");
        File.WriteAllText(real, "[keep]\nx = 1\n");
        File.CreateSymbolicLink(CredentialsFile, real);

        new AwsProfileWriter(CredentialsFile, ConfigFile).WriteCredentials("ci", Credentials, null);

        Assert.NotNull(new FileInfo(CredentialsFile).LinkTarget);
        Assert.Contains("[ci]", File.ReadAllText(real), StringComparison.Ordinal);
    }

    [Fact]
    public void Concurrent_writers_of_different_profiles_lose_none()
    {
        const int writers = 16;
        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, i =>
            new AwsProfileWriter(CredentialsFile, ConfigFile).WriteCredentials($"p{i}", Credentials, "us-east-1"));

        var credentials = File.ReadAllText(CredentialsFile);
        var config = File.ReadAllText(ConfigFile);
        for (var i = 0; i < writers; i++)
        {
            Assert.Contains($"[p{i}]\n", credentials, StringComparison.Ordinal);
            Assert.Contains($"[profile p{i}]\n", config, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_lock_held_too_long_fails_with_a_clear_error_and_writes_nothing()
    {
        using var held = FileLock.Acquire(CredentialsFile, TimeSpan.FromSeconds(1));
        var writer = new AwsProfileWriter(CredentialsFile, ConfigFile) { LockWait = TimeSpan.FromMilliseconds(300) };

        var error = Assert.Throws<PlatformException>(() => writer.WriteCredentials("ci", Credentials, null));

        Assert.Contains($"{CredentialsFile}.lock", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.PlatformError, error.ExitCode);
        Assert.False(File.Exists(CredentialsFile));
        Assert.False(File.Exists(ConfigFile));
    }

    [Fact]
    public void Hand_edited_files_are_read_as_tolerantly_as_the_aws_cli()
    {
        File.WriteAllText(ConfigFile, "[default]\nregion=us-east-1\n[ profile  ci ] # old\nregion = x\ns3 =\n  max_concurrent_requests = 20\nkey-without-equals\n[profile ci]\nregion = y\n");

        new AwsProfileWriter(CredentialsFile, ConfigFile).WriteCredentials("ci", Credentials, "eu-west-1");

        var config = File.ReadAllText(ConfigFile);
        Assert.Equal(1, config.Split("[profile ci]").Length - 1);
        Assert.DoesNotContain("[ profile  ci ]", config, StringComparison.Ordinal);
        Assert.Contains("region = eu-west-1", config, StringComparison.Ordinal);
        Assert.StartsWith("[default]\nregion=us-east-1\n", config, StringComparison.Ordinal);
    }

    private string MakeFifo()
    {
        var path = Path.Combine(_directory, "fifo");
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        return path;
    }
}
