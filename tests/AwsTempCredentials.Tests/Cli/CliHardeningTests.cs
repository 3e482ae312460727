using System.Diagnostics;
using AwsTempCredentials.Testing.Faults;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Cli;

/// <summary>
/// Hostile input, broken files, signals and concurrent runs against the real binary: each case asserts the exit
/// code, that the message names the cause in words (no .NET resource key, no stack trace), that no secret appears in
/// any output or file, and that nothing was half-exported.
/// </summary>
public sealed class CliHardeningTests(CliWorld world) : IClassFixture<CliWorld>, IDisposable
{
    private const string FileSecret = "SECRETonAbadLINE1234567890";
    private static readonly string[] ResourceKeyMarks = ["_Path", "IO_", "UnauthorizedAccess_", "net_http_", "TypeInitialization_", "   at "];
    private readonly string _directory = Directory.CreateTempSubdirectory("awstc-cli-hard-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // ---- 10: option errors: exit 2, one line naming the option, nothing on stdout -------------------------------

    public static TheoryData<string[], string> ParseErrors() => new()
    {
        { ["--bogus"], "unknown option '--bogus'" },
        { ["--bogus=" + FileSecret], "unknown option '--bogus'" },
        { ["--aws-region"], "option --aws-region needs a value" },
        { ["--write-profile"], "option --write-profile needs a value" },
        { ["@/etc/passwd"], "unexpected argument" },
        { ["--aws-region", "us-east-1", FileSecret], "unexpected argument" },
        { ["--output", "json", "--output", "env"], "option --output is given more than once" },
    };

    [Theory]
    [MemberData(nameof(ParseErrors))]
    public async Task Option_errors_exit_2_with_one_line_on_stderr_and_nothing_on_stdout(string[] arguments, string message)
    {
        var result = await world.RunAsync(arguments);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", result.Stderr, StringComparison.Ordinal);
        Assert.True(result.Stderr.TrimEnd().Split('\n').Length <= 2, result.Stderr);
        SecretScan.AssertAbsent(result.AllOutput, [FileSecret, "root:x:0:0"], "output");
        AssertFast(result);
    }

    // ---- 1: malformed shared files do not break runs that do not use them ------------------------------------

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_malformed_shared_credentials_and_config_file_does_not_break_an_access_key_run(bool verbose)
    {
        var home = Directory.CreateTempSubdirectory("awstc-home-bad-").FullName;
        Directory.CreateDirectory(Path.Combine(home, ".aws"));
        var malformed = $"[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n{FileSecret}\n";
        File.WriteAllText(Path.Combine(home, ".aws", "credentials"), malformed);
        File.WriteAllText(Path.Combine(home, ".aws", "config"), malformed);
        File.WriteAllText(Path.Combine(home, "config-elsewhere"), malformed);
        var environment = KeysEnvironment();
        environment["HOME"] = home;
        environment["AWS_CONFIG_FILE"] = Path.Combine(home, "config-elsewhere");
        environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, ".aws", "credentials");

        var result = await world.RunAsync([.. KeysArguments(), .. verbose ? new[] { "--verbose" } : []], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("export AWS_ACCESS_KEY_ID=", result.Stdout, StringComparison.Ordinal);
        SecretScan.AssertAbsent(result.AllOutput, [FileSecret], "output");
        AssertNoResourceKeys(result);
        Assert.Equal(malformed, File.ReadAllText(Path.Combine(home, ".aws", "credentials")));
        Directory.Delete(home, recursive: true);
    }

    // ---- 4: profile names that would forge a section ----------------------------------------------------------

    [Theory]
    [InlineData("evil]\n[default")]
    [InlineData("two\nlines")]
    [InlineData("with space")]
    [InlineData("")]
    [InlineData("profile]")]
    public async Task A_profile_name_that_would_forge_a_section_is_refused_before_any_call(string name)
    {
        var before = world.Aws.Sts.Requests.Total;
        var (credentials, config) = ProfilePaths("forged");

        var result = await world.RunAsync([.. KeysArguments(), "--write-profile", name, "--credentials-file", credentials, "--config-file", config], KeysEnvironment());

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("write-profile:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("is not a usable profile name", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.False(File.Exists(credentials) || File.Exists(config), "no profile file may be written");
        Assert.Equal(before, world.Aws.Sts.Requests.Total);
        AssertNoSecrets(result);
        AssertFast(result);
    }

    // ---- 5 and 9: destinations that are not regular files, or not writable ------------------------------------

    [Theory]
    [InlineData("/dev/null", "not a regular file")]
    [InlineData("directory", "is a directory")]
    [InlineData("/proc/version/credentials", "/proc/version is not a directory")]
    public async Task A_credentials_file_that_cannot_hold_a_profile_is_refused_and_nothing_is_written(string target, string message)
    {
        var (_, config) = ProfilePaths("refused");
        var credentials = target == "directory" ? Directory.CreateTempSubdirectory("awstc-dir-").FullName : target;

        var result = await world.RunAsync([.. KeysArguments(), "--write-profile", "ci", "--credentials-file", credentials, "--config-file", config], KeysEnvironment());

        Assert.True(result.ExitCode == 8, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was written", result.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.False(File.Exists(config), "the config file must not be written without the credentials file");
        if (target == "/dev/null")
        {
            Assert.Equal(0, new FileInfo("/dev/null").Length);
            Assert.True(File.GetAttributes("/dev/null") != FileAttributes.Directory);
        }

        AssertNoResourceKeys(result);
        AssertNoSecrets(result);
    }

    [Fact]
    public async Task A_device_named_by_AWS_SHARED_CREDENTIALS_FILE_is_refused()
    {
        var environment = KeysEnvironment();
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        environment["AWS_CONFIG_FILE"] = Path.Combine(_directory, "config-env");

        var result = await world.RunAsync([.. KeysArguments(), "--write-profile", "ci"], environment);

        Assert.True(result.ExitCode == 8, result.ToString());
        Assert.Contains("/dev/null is not a regular file", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(environment["AWS_CONFIG_FILE"]));
        Assert.Equal(string.Empty, result.Stdout);
        AssertNoSecrets(result);
    }

    // ---- 2: a failure after part of the hand-off leaves the old files as they were ---------------------------

    [Fact]
    public async Task When_the_config_file_cannot_be_written_the_credentials_file_keeps_its_old_content()
    {
        var (credentials, _) = ProfilePaths("half");
        const string old = "[keep]\naws_access_key_id = AKIAKEEPKEEPKEEPKEEP\naws_secret_access_key = keep\n";
        File.WriteAllText(credentials, old);
        var config = Path.Combine(_directory, "half-config-is-a-directory");
        Directory.CreateDirectory(config);

        var result = await world.RunAsync([.. KeysArguments(), "--write-profile", "ci", "--credentials-file", credentials, "--config-file", config], KeysEnvironment());

        Assert.True(result.ExitCode == 8, result.ToString());
        Assert.Contains("is a directory", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(old, File.ReadAllText(credentials));
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Empty(TemporaryFiles());
        AssertNoSecrets(result);
    }

    [Fact]
    public async Task A_profile_and_stdout_are_written_together()
    {
        var (credentials, config) = ProfilePaths("together");

        var result = await world.RunAsync([.. KeysArguments(), "--write-profile", "ci", "--credentials-file", credentials, "--config-file", config, "--output", "dotenv"], KeysEnvironment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("AWS_ACCESS_KEY_ID=", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[ci]", File.ReadAllText(credentials), StringComparison.Ordinal);
        Assert.Contains("[profile ci]", File.ReadAllText(config), StringComparison.Ordinal);
        Assert.Empty(TemporaryFiles());
    }

    // ---- 3: parallel runs on one home keep every profile -------------------------------------------------------

    [Fact]
    public async Task Parallel_write_profile_runs_with_different_names_keep_every_profile()
    {
        var (credentials, config) = ProfilePaths("parallel");
        const int runs = 12;

        var results = await Task.WhenAll(Enumerable.Range(0, runs).Select(i =>
            world.RunAsync([.. KeysArguments(), "--write-profile", $"job{i}", "--credentials-file", credentials, "--config-file", config, "--output", "none"], KeysEnvironment())));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var credentialsText = File.ReadAllText(credentials);
        var configText = File.ReadAllText(config);
        for (var i = 0; i < runs; i++)
        {
            Assert.Contains($"[job{i}]\n", credentialsText, StringComparison.Ordinal);
            Assert.Contains($"[profile job{i}]\n", configText, StringComparison.Ordinal);
        }

        Assert.Empty(TemporaryFiles());
    }

    // ---- 7: unbounded inputs --------------------------------------------------------------------------------------

    [Theory]
    [InlineData("certificate", "/dev/zero")]
    [InlineData("private-key", "/dev/zero")]
    [InlineData("certificate-chain", "/dev/zero")]
    [InlineData("private-key-passphrase", "file:/dev/zero")]
    public async Task An_endless_input_is_refused_at_1_MiB_naming_the_option(string option, string value)
    {
        var files = CliWorld.Pki.Leaf(AwsTempCredentials.Testing.Pki.TestKeyType.EcP256).WriteTo(Path.Combine(_directory, "endless-" + option));
        var arguments = new Dictionary<string, string>
        {
            ["certificate"] = files.CertificatePath,
            ["private-key"] = files.PrivateKeyPath,
            [option] = value,
        };

        var result = await world.RunAsync([.. world.RolesAnywhereArguments(), .. arguments.SelectMany(a => new[] { "--" + a.Key, a.Value })]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{option}: file '/dev/zero' is larger than 1 MiB", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
        AssertFast(result);
    }

    [Fact]
    public async Task An_endless_secret_file_is_refused()
    {
        var environment = KeysEnvironment();

        var result = await world.RunAsync(["--aws-access-key-id", world.User.AccessKeyId, "--aws-secret-access-key", "file:/dev/zero"], environment);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("aws-secret-access-key: file '/dev/zero' is larger than 1 MiB", result.Stderr, StringComparison.Ordinal);
        AssertNoSecrets(result);
    }

    [Fact]
    public async Task A_directory_given_as_a_certificate_says_so_in_words()
    {
        var result = await world.RunAsync([.. world.RolesAnywhereArguments(), "--certificate", _directory, "--private-key", _directory]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"certificate: file '{_directory}' cannot be read: it is a directory", result.Stderr, StringComparison.Ordinal);
        AssertNoResourceKeys(result);
    }

    // ---- 6: a FIFO without a writer, standard input that never ends, signals ---------------------------------

    [Fact]
    public async Task A_fifo_without_a_writer_gives_way_to_the_deadline()
    {
        var fifo = MakeFifo("cert.fifo");

        var result = await world.RunAsync([.. world.RolesAnywhereArguments(), "--certificate", fifo, "--private-key", fifo, "--action-timeout-s", "1"]);

        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.Contains("deadline of 1 s", result.Stderr, StringComparison.Ordinal);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(10), $"took {result.Elapsed}");
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_while_a_fifo_input_blocks_cancels_with_exit_6(string signal)
    {
        var fifo = MakeFifo($"cert-{signal}.fifo");

        var result = await RunAndSignalAsync([.. world.RolesAnywhereArguments(), "--certificate", fifo, "--private-key", fifo], world.Environment(), signal, keepStdinOpen: false);

        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.Contains("Cancelled", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public async Task A_signal_while_standard_input_stays_silent_cancels_with_exit_6()
    {
        var environment = KeysEnvironment();

        var result = await RunAndSignalAsync(["--aws-access-key-id", world.User.AccessKeyId, "--aws-secret-access-key", "-"], environment, "TERM", keepStdinOpen: true);

        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.Contains("Cancelled", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_while_waiting_on_a_hung_service_writes_nothing_and_exits_6(string signal)
    {
        var (credentials, config) = ProfilePaths("signal-" + signal);
        world.Aws.Sts.Faults.Enqueue(FaultKind.Hang, count: 3, action: "GetCallerIdentity");
        try
        {
            var result = await RunAndSignalAsync(
                [.. KeysArguments(), "--write-profile", "ci", "--credentials-file", credentials, "--config-file", config], KeysEnvironment(), signal, keepStdinOpen: false,
                ready: () => world.Aws.Sts.Requests["GetCallerIdentity"] > 0);

            Assert.True(result.ExitCode == 6, result.ToString());
            Assert.Contains("Cancelled (interrupt or termination signal)", result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("ObjectDisposedException", result.Stderr, StringComparison.Ordinal);
            Assert.Equal(string.Empty, result.Stdout);
            Assert.False(File.Exists(credentials) || File.Exists(config), "a cancelled run writes no profile");
            Assert.Empty(TemporaryFiles());
            AssertNoSecrets(result);
        }
        finally
        {
            world.Aws.Sts.Faults.Clear();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private string[] KeysArguments() => ["--aws-access-key-id", world.User.AccessKeyId, "--aws-secret-access-key", "env:AWS_SECRET"];

    private Dictionary<string, string> KeysEnvironment()
    {
        var environment = world.Environment();
        environment["AWS_SECRET"] = world.User.SecretAccessKey;
        return environment;
    }

    private (string Credentials, string Config) ProfilePaths(string name)
    {
        var directory = Path.Combine(_directory, name);
        Directory.CreateDirectory(directory);
        return (Path.Combine(directory, "credentials"), Path.Combine(directory, "config"));
    }

    private IEnumerable<string> TemporaryFiles() =>
        Directory.EnumerateFiles(_directory, "*.tmp", SearchOption.AllDirectories);

    private string MakeFifo(string name)
    {
        var path = Path.Combine(_directory, name);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    private void AssertNoSecrets(ProcessResult result)
    {
        SecretScan.AssertAbsent(result.Stderr, world.IssuedSecrets().Append(FileSecret), "stderr");
        SecretScan.AssertAbsent(result.Stdout, world.IssuedSecrets().Append(FileSecret), "stdout");
    }

    private static void AssertNoResourceKeys(ProcessResult result)
    {
        foreach (var mark in ResourceKeyMarks)
        {
            Assert.DoesNotContain(mark, result.Stderr, StringComparison.Ordinal);
        }
    }

    private static void AssertFast(ProcessResult result) =>
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(5), $"took {result.Elapsed}");

    /// <summary>Runs the binary, waits until it is busy (or a second), sends a signal and collects the result.</summary>
    private static async Task<ProcessResult> RunAndSignalAsync(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string signal, bool keepStdinOpen, Func<bool>? ready = null)
    {
        // env resets SIGINT and SIGTERM to their defaults: a child of a background job inherits SIGINT ignored.
        var start = ProcessRunner.StartInfo("/usr/bin/env", ["--default-signal=INT,TERM", ProductBinary.Path, .. arguments], environment);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!keepStdinOpen)
        {
            process.StandardInput.Close();
        }

        // Busy means: waiting on the service, or blocked in the input reader's own thread.
        ready ??= () => HasThread(process.Id, ".NET Long Runni");
        var waitUntil = DateTime.UtcNow.AddSeconds(15);
        await Task.Delay(300);
        while (!ready() && !process.HasExited && DateTime.UtcNow < waitUntil)
        {
            await Task.Delay(50);
        }

        await Task.Delay(300);
        if (process.HasExited)
        {
            Assert.Fail($"exited early: {await stderr}");
        }
        using (var kill = Process.Start("/bin/kill", ["-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"still running 15 s after SIG{signal}; stderr: {await stderr}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr, watch.Elapsed);
    }

    private static bool HasThread(int processId, string name) =>
        Directory.Exists($"/proc/{processId}/task")
        && Directory.EnumerateDirectories($"/proc/{processId}/task").Any(t => File.Exists(t + "/comm") && File.ReadAllText(t + "/comm").StartsWith(name, StringComparison.Ordinal));
}
