using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Testing.GitHub;

/// <summary>
/// The JavaScript action's main step as a Windows runner runs it, as far as this Linux machine can: node runs the
/// shared launcher with the platform it would see there (win32/x64), so it picks, unpacks and starts
/// bin/win-x64/aws-temp-credentials.exe — under wine (the one difference: the spawn goes through wine's loader; node
/// itself stays the Linux one). The step's environment is the runner's with Windows paths: every absolute path to a
/// file or directory that exists (GITHUB_ENV, GITHUB_OUTPUT, RUNNER_TEMP, HOME, AWS_CA_BUNDLE, …) becomes
/// <c>Z:\…</c> (wine's drive for /), as <c>D:\a\_temp\…</c> is on a hosted runner, and RUNNER_OS is Windows. The
/// runner's file commands are then read as the runner's Windows build reads them (<see cref="RunnerEnvironment.WindowsRunner"/>).
/// Uses the same wine prefix as tasks/verify-binaries.sh, and keeps one wineserver up for the test run, so that each
/// step pays wine's process start, not its boot.
/// </summary>
public static class WindowsRunnerUnderWine
{
    private static readonly SemaphoreSlim ServerLock = new(1, 1);
    private static bool _serverStarted;
    private static Task<string?>? _keyImport;

    /// <summary>Why the Windows build cannot run here, or null.</summary>
    public static string? Unavailable()
    {
        if (Loader() is null)
        {
            return "wine is not installed (apt-get install wine wine64)";
        }

        return HasPackedOrPlain(WindowsBin) ? null : $"the action has no win-x64 build in {WindowsBin} (tasks/build-binaries.sh win-x64 makes one)";
    }

    private static string WindowsBin => Path.Combine(JavaScriptAction.Directory, "bin", "win-x64");

    private static string Prefix => Path.Combine(Environment.GetEnvironmentVariable("TMPDIR") ?? "/tmp", "awstc-wineprefix");

    private static bool HasPackedOrPlain(string directory) =>
        File.Exists(Path.Combine(directory, "aws-temp-credentials.exe")) || File.Exists(Path.Combine(directory, "aws-temp-credentials.exe.br"));

    /// <summary>A Windows path for a path on this machine, as wine maps it (drive Z: is /).</summary>
    public static string WindowsPath(string path) => "Z:" + path.Replace('/', '\\');

    /// <summary>
    /// Wine's loader itself, not Debian's <c>/usr/bin/wine</c>: that is a /bin/sh script, and dash drops the
    /// variables whose names are not shell identifiers (INPUT_ROLE-TO-ASSUME) before wine sees them, where the
    /// Windows runner passes every INPUT_* as it is.
    /// </summary>
    private static string? Loader() =>
        new[] { Environment.GetEnvironmentVariable("WINELOADER"), "/usr/lib/wine/wine64", "/usr/lib64/wine/wine64" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p)) ?? FindOnPath("wine64") ?? FindOnPath("wine");

    public static async Task<ProcessResult> RunMainAsync(RunnerEnvironment runner, TimeSpan? timeout = null)
    {
        var environment = await EnvironmentAsync(runner.Build());
        runner.WindowsRunner = true;
        return await LaunchAsync(runner.Root, ["github", "run"], environment, runner.Workspace, timeout);
    }

    /// <summary>The post step: the launcher with <c>github post</c>, and the state the main step saved as <c>STATE_&lt;name&gt;</c>.</summary>
    public static async Task<ProcessResult> RunPostAsync(RunnerEnvironment runner, TimeSpan? timeout = null)
    {
        var step = new Dictionary<string, string>(runner.Build(), StringComparer.Ordinal);
        foreach (var (name, value) in FileCommandParser.ParseFile(runner.StateFile, windowsRunner: true))
        {
            step["STATE_" + name] = value;
        }

        return await LaunchAsync(runner.Root, ["github", "post"], await EnvironmentAsync(step), runner.Workspace, timeout);
    }

    /// <summary>A Windows program (path or name, e.g. cmd) with its arguments as they are, in a later step's environment (paths made Windows ones).</summary>
    public static async Task<ProcessResult> RunProgramAsync(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> step, string workingDirectory, TimeSpan? timeout = null) =>
        await ProcessRunner.RunAsync(Loader()!, argv, await EnvironmentAsync(step), timeout: timeout ?? TimeSpan.FromMinutes(2), workingDirectory: workingDirectory);

    /// <summary>The path on this machine of a path a Windows program was given or wrote (Z:\… is /).</summary>
    public static string UnixPath(string windowsPath) =>
        windowsPath.StartsWith("Z:\\", StringComparison.OrdinalIgnoreCase) ? windowsPath[2..].Replace('\\', '/') : throw new ArgumentException($"{windowsPath} is not on wine's drive Z:.", nameof(windowsPath));

    /// <summary>
    /// Why this wine cannot load a Roles Anywhere private key into the Windows build, or null when it can. .NET on
    /// Windows imports RSA and EC keys through CNG's key storage provider (NCryptImportKey), which wine 8 does not
    /// implement for private keys ("fixme:ncrypt:NCryptImportKey Unhandled key magic"): every key then reads as not
    /// belonging to its certificate. Probed once, with the executable's own CLI and a matching EC key and certificate.
    /// </summary>
    public static Task<string?> CannotImportPrivateKeysAsync() => LazyInitializer.EnsureInitialized(ref _keyImport, ProbeKeyImportAsync);

    private static async Task<string?> ProbeKeyImportAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("gh-wine-probe-").FullName;
        try
        {
            var leaf = TestPki.Shared.Leaf(TestKeyType.EcP256);
            await File.WriteAllTextAsync(Path.Combine(directory, "cert.pem"), leaf.CertificatePem);
            await File.WriteAllTextAsync(Path.Combine(directory, "key.pem"), leaf.PrivateKeyPkcs8Pem);
            var environment = await EnvironmentAsync(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["PATH"] = "/usr/bin:/bin",
                ["HOME"] = directory,
                ["AWS_ENDPOINT_URL_ROLESANYWHERE"] = "http://127.0.0.1:9", // discard port: refused, nothing leaves the machine
            });
            var probe = await LaunchAsync(directory, [
                "--trust-anchor-arn", "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0f2c3a4b-1111-2222-3333-444455556666",
                "--profile-arn", "arn:aws:rolesanywhere:eu-west-1:111122223333:profile/1a2b3c4d-1111-2222-3333-444455556666",
                "--role-to-assume", "arn:aws:iam::111122223333:role/deploy", "--retry-max-attempts", "1",
                "--certificate", WindowsPath(Path.Combine(directory, "cert.pem")), "--private-key", WindowsPath(Path.Combine(directory, "key.pem")),
            ], environment, directory, TimeSpan.FromMinutes(2));
            return probe.ExitCode == 3 && probe.Stderr.Contains("does not belong to the certificate", StringComparison.Ordinal)
                ? "this wine cannot import private keys into CNG (NCryptImportKey), which .NET on Windows loads RSA and EC keys with: " +
                  "a Windows runner has it; wine 8 does not"
                : null;
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<Dictionary<string, string>> EnvironmentAsync(IReadOnlyDictionary<string, string> step)
    {
        if (Unavailable() is { } missing)
        {
            throw new InvalidOperationException($"The Windows runner cannot be run here: {missing}.");
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in step)
        {
            // TMPDIR is wine's own (where wineserver keeps its socket), not the step's: it stays a path on this machine.
            environment[name] = name != "TMPDIR" && IsExistingAbsolutePath(value) ? WindowsPath(value) : value;
        }

        environment["RUNNER_OS"] = "Windows";
        environment["USERPROFILE"] = environment["HOME"];
        environment["WINEPREFIX"] = Prefix;
        environment["WINELOADER"] = Loader()!;
        environment["WINEDEBUG"] = "-all";
        environment["DISPLAY"] = string.Empty;
        await KeepServerUpAsync(environment);
        return environment;
    }

    private static async Task<ProcessResult> LaunchAsync(string scratch, string[] args, IReadOnlyDictionary<string, string> environment, string workingDirectory, TimeSpan? timeout)
    {
        var harness = Path.Combine(scratch, "windows-launch.js");
        await File.WriteAllTextAsync(harness, Harness);
        return await ProcessRunner.RunAsync(JavaScriptAction.NodePath, [harness, JavaScriptAction.Directory, .. args], environment,
            timeout: timeout ?? TimeSpan.FromMinutes(5), workingDirectory: workingDirectory);
    }

    private static bool IsExistingAbsolutePath(string value) =>
        value.StartsWith('/') && !value.Contains('\n', StringComparison.Ordinal) && (File.Exists(value) || Directory.Exists(value));

    /// <summary>
    /// Creates the prefix on first use and keeps one wineserver, with wine's own services, running for the test run.
    /// Both are started with their output in a log file: wineserver keeps the stderr it was started with, and so do
    /// the services that the first wine program starts, and a server that no program has yet connected to never
    /// times out; started from a step's pipes, they would hold that step's output open for as long as they run.
    /// The server ends ten minutes after the last step, or when the test run ends.
    /// </summary>
    private static async Task KeepServerUpAsync(IReadOnlyDictionary<string, string> environment)
    {
        await ServerLock.WaitAsync();
        try
        {
            if (_serverStarted)
            {
                return;
            }

            System.IO.Directory.CreateDirectory(Prefix);
            var log = Path.Combine(Prefix, "awstc-wine.log");
            var server = new[] { "/usr/lib/wine/wineserver64", "/usr/lib/wine/wineserver" }.FirstOrDefault(File.Exists) ?? FindOnPath("wineserver");
            if (server is not null)
            {
                // A server left from an earlier wine run (tasks/verify-binaries.sh) holds its starter's output and
                // ends on its own soon; ours replaces it. Forks into the background.
                StopServer(server, environment);
                await ProcessRunner.StartDaemonAsync(server, ["-p600"], environment, log, TimeSpan.FromSeconds(30));
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopServer(server, environment);
            }

            var boot = await ProcessRunner.StartDaemonAsync(Loader()!, ["cmd", "/c", "exit"], environment, log, TimeSpan.FromMinutes(5));
            if (boot.ExitCode != 0)
            {
                throw new InvalidOperationException($"wine did not start in {Prefix}:\n{boot}");
            }

            _serverStarted = true;
        }
        finally
        {
            ServerLock.Release();
        }
    }

    private static void StopServer(string server, IReadOnlyDictionary<string, string> environment)
    {
        var start = ProcessRunner.StartInfo(server, ["-k"], environment);
        start.RedirectStandardOutput = start.RedirectStandardError = start.RedirectStandardInput = false;
        using var stop = System.Diagnostics.Process.Start(start);
        stop?.WaitForExit(TimeSpan.FromSeconds(10));
    }

    // The launcher as main.js starts it, with what a Windows runner's node would report, and the spawn through wine's
    // loader: the executable and its arguments as they are (no shell), the step's environment as it is.
    private const string Harness = """
        'use strict';
        const path = require('path');
        const { spawn } = require('child_process');
        const [dir, ...args] = process.argv.slice(2);
        const launch = require(path.join(dir, 'launch.js'));
        const spawnUnderWine = (file, argv, options) => spawn(process.env.WINELOADER, [file, ...argv], options);
        launch.start(args, { taskDir: dir, platform: 'win32', arch: 'x64', spawn: spawnUnderWine });
        """;

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
