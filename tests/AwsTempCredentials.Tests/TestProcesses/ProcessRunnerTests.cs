using System.Diagnostics;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.TestProcesses;

/// <summary>
/// The test rig's process runner never waits without bound: a program that leaves a background process holding its
/// output (as wineserver and wine's services do with the stderr they were started with) fails the run with that said,
/// instead of hanging the whole test run.
/// </summary>
public sealed class ProcessRunnerTests
{
    // A background child in its own session: no longer in the started process's tree, as a daemon is.
    private const string DetachedSleeper = "(setsid sleep 30 &); ";

    [Fact]
    public async Task A_program_that_exits_is_captured_whole()
    {
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], ProcessRunner.BaseEnvironment());

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
    }

    [Fact]
    public async Task Output_held_open_by_a_background_process_fails_after_the_grace_instead_of_hanging()
    {
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ProcessRunner.RunAsync(
            "/bin/sh", ["-c", DetachedSleeper + "echo started; exit 0"], ProcessRunner.BaseEnvironment(), outputGrace: TimeSpan.FromSeconds(1)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.Contains("exited (0), but its stdout or stderr was still open", error.Message, StringComparison.Ordinal);
        Assert.Contains("stdout: started", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_kills_the_program_and_reports_what_it_printed_even_when_a_daemon_holds_its_output()
    {
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => ProcessRunner.RunAsync(
            "/bin/sh", ["-c", DetachedSleeper + "echo waiting; sleep 60"], ProcessRunner.BaseEnvironment(),
            timeout: TimeSpan.FromSeconds(1), outputGrace: TimeSpan.FromSeconds(1)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.Contains("did not finish within 00:00:01", error.Message, StringComparison.Ordinal);
        Assert.Contains("stdout: waiting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daemon_is_started_with_its_output_in_a_log_file_so_the_start_returns_at_once()
    {
        var directory = Directory.CreateTempSubdirectory("awstc-daemon-").FullName;
        var watch = Stopwatch.StartNew();

        var log = Path.Combine(directory, "daemon.log");
        try
        {
            var result = await ProcessRunner.StartDaemonAsync("/bin/sh", ["-c", "(setsid sh -c 'echo daemon up >&2; sleep 30' &); echo starter done"],
                ProcessRunner.BaseEnvironment(), log, TimeSpan.FromSeconds(30));

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("starter done", result.Stderr, StringComparison.Ordinal);
            // The daemon, still running, writes to the log, not to the runner's pipes.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (!(await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken)).Contains("daemon up", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            Assert.Contains("daemon up", await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
