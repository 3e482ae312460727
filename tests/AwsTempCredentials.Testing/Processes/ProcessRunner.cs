using System.Diagnostics;

namespace AwsTempCredentials.Testing.Processes;

/// <summary>
/// Runs a program with exactly the environment given (nothing inherited unless asked), the way an agent or runner
/// starts a step, and captures its output. Every wait is bounded: a run that outlives its timeout is killed, and a
/// run whose output stays open after it exited (a daemon it started kept stdout or stderr) fails with that said,
/// so no test can hang a test run.
/// </summary>
public static class ProcessRunner
{
    /// <summary>How long output may stay open after the process exited or was killed.</summary>
    public static readonly TimeSpan DefaultOutputGrace = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Keeps the AWS SDK's default credential chain off the EC2 instance metadata service (169.254.169.254): tests
    /// talk to loopback only, and a product run that looks for existing credentials must not reach out of the machine.
    /// </summary>
    public static readonly KeyValuePair<string, string> NoInstanceMetadata = new("AWS_EC2_METADATA_DISABLED", "true");

    /// <summary>The few variables a process needs to run at all on this machine.</summary>
    public static IReadOnlyDictionary<string, string> BaseEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "PATH", "HOME", "DOTNET_ROOT", "TMPDIR", "LANG" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment[NoInstanceMetadata.Key] = NoInstanceMetadata.Value;
        return environment;
    }

    /// <summary>A process with exactly <paramref name="environment"/> (nothing inherited) and every standard stream redirected.</summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        string? stdin = null,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        TimeSpan? outputGrace = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var grace = outputGrace ?? DefaultOutputGrace;
        var start = StartInfo(fileName, arguments, environment, workingDirectory);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = new CapturedOutput(process.StandardOutput);
        var stderr = new CapturedOutput(process.StandardError);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cancellation = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await CapturedOutput.WhenClosedAsync(grace, stdout, stderr);
            throw new TimeoutException($"{fileName} did not finish within {limit}.\nstdout: {stdout.Text}\nstderr: {stderr.Text}");
        }

        if (!await CapturedOutput.WhenClosedAsync(grace, stdout, stderr))
        {
            throw new InvalidOperationException(
                $"{fileName} exited ({process.ExitCode}), but its stdout or stderr was still open {grace.TotalSeconds:0} s later: " +
                "a process it started in the background kept them. Start such a process with its own output " +
                $"(see {nameof(ProcessRunner)}.{nameof(StartDaemonAsync)}).\nstdout: {stdout.Text}\nstderr: {stderr.Text}");
        }

        return new ProcessResult(process.ExitCode, stdout.Text, stderr.Text, watch.Elapsed);
    }

    /// <summary>
    /// Runs a program that leaves a server running in the background (wineserver, wine's own services), with its
    /// standard streams on /dev/null and its output in <paramref name="logFile"/>, so what it leaves behind holds a
    /// file, not this test run's pipes. Returns the starter's exit code and what it logged.
    /// </summary>
    public static async Task<ProcessResult> StartDaemonAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logFile, TimeSpan timeout)
    {
        var environmentWithLog = new Dictionary<string, string>(environment, StringComparer.Ordinal) { ["AWSTC_DAEMON_LOG"] = logFile };
        var result = await RunAsync("/bin/sh", ["-c", "exec \"$@\" </dev/null >>\"$AWSTC_DAEMON_LOG\" 2>&1", "sh", fileName, .. arguments],
            environmentWithLog, timeout: timeout);
        var log = File.Exists(logFile) ? await File.ReadAllTextAsync(logFile) : string.Empty;
        return result with { Stderr = log };
    }
}
