using System.Diagnostics;

namespace AwsTempCredentials.Testing.Processes;

/// <summary>
/// Runs a program with exactly the environment given (nothing inherited unless asked), the way an agent or runner
/// starts a step, and captures its output.
/// </summary>
public static class ProcessRunner
{
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
        string? workingDirectory = null)
    {
        var start = StartInfo(fileName, arguments, environment, workingDirectory);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {timeout ?? TimeSpan.FromSeconds(60)}.\nstdout: {await stdout}\nstderr: {await stderr}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr, watch.Elapsed);
    }
}
