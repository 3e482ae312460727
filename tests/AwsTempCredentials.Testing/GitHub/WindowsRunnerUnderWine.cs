using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Testing.GitHub;

/// <summary>
/// The JavaScript action's main step as a Windows runner runs it, as far as this Linux machine can: node runs the
/// shared launcher with the platform it would see there (win32/x64), so it picks, unpacks and starts
/// bin/win-x64/aws-temp-credentials.exe — under wine (the one difference: the spawn goes through <c>wine</c>; node
/// itself stays the Linux one). The step's environment is the runner's with Windows paths: every path under the
/// runner's directories becomes <c>Z:\…</c> (wine's drive for /), as <c>D:\a\_temp\…</c> is on a hosted runner, and
/// RUNNER_OS is Windows. Uses the same wine prefix as tasks/verify-binaries.sh.
/// </summary>
public static class WindowsRunnerUnderWine
{
    /// <summary>Why the Windows build cannot run here, or null. With CI=true a missing wine or build is an error, not a skip.</summary>
    public static string? Unavailable()
    {
        string? reason = null;
        if (FindOnPath("wine") is null)
        {
            reason = "wine is not installed (apt-get install wine wine64)";
        }
        else if (!HasPackedOrPlain(WindowsBin))
        {
            reason = $"the action has no win-x64 build in {WindowsBin} (tasks/build-binaries.sh win-x64 makes one)";
        }

        return reason is not null && Environment.GetEnvironmentVariable("CI") == "true"
            ? throw new InvalidOperationException($"{reason}, and CI=true: the Windows build must be tested on CI.")
            : reason;
    }

    private static string WindowsBin => Path.Combine(JavaScriptAction.Directory, "bin", "win-x64");

    private static bool HasPackedOrPlain(string directory) =>
        File.Exists(Path.Combine(directory, "aws-temp-credentials.exe")) || File.Exists(Path.Combine(directory, "aws-temp-credentials.exe.br"));

    /// <summary>A Windows path for a path on this machine, as wine maps it (drive Z: is /).</summary>
    public static string WindowsPath(string path) => "Z:" + path.Replace('/', '\\');

    public static async Task<ProcessResult> RunMainAsync(RunnerEnvironment runner, TimeSpan? timeout = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in runner.Build())
        {
            environment[name] = value.StartsWith(runner.Root, StringComparison.Ordinal) ? WindowsPath(value) : value;
        }

        environment["RUNNER_OS"] = "Windows";
        environment["USERPROFILE"] = environment["HOME"];
        environment["WINEPREFIX"] = Path.Combine(Environment.GetEnvironmentVariable("TMPDIR") ?? "/tmp", "awstc-wineprefix");
        environment["WINEDEBUG"] = "-all";
        environment["DISPLAY"] = string.Empty;

        var harness = Path.Combine(runner.Root, "windows-launch.js");
        await File.WriteAllTextAsync(harness, Harness);
        return await ProcessRunner.RunAsync(JavaScriptAction.NodePath, [harness, JavaScriptAction.Directory, "github", "run"], environment,
            timeout: timeout ?? TimeSpan.FromMinutes(5), workingDirectory: runner.Workspace);
    }

    // The launcher as main.js starts it, with what a Windows runner's node would report, and the spawn through wine.
    // Wine (8.0) does not carry variables whose names are not C identifiers (INPUT_ROLE-TO-ASSUME) from the Unix
    // environment into the Windows one, where the runner has them: those are set inside it by cmd, which allows any
    // name, right before it starts the executable. The values this needs are plain (no quotes, %, ^, &, |, <, >, newline); an empty value is left out, as cmd's `set NAME=` unsets it.
    private const string Harness = """
        'use strict';
        const path = require('path');
        const { spawn } = require('child_process');
        const [dir, ...args] = process.argv.slice(2);
        const launch = require(path.join(dir, 'launch.js'));
        const windowsPath = (p) => 'Z:' + p.replace(/\//g, '\\');
        function spawnUnderWine(file, argv, options) {
          const env = { ...options.env };
          const sets = [];
          for (const [name, value] of Object.entries(env)) {
            if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
            delete env[name];
            if (value === '') continue;
            if (/["%^&|<>\r\n]/.test(value)) throw new Error(`${name}: value not passable through cmd under wine`);
            sets.push(`set ${name}=${value}`);
          }
          if (sets.length === 0) return spawn('wine', [file, ...argv], { ...options, env });
          // No quotes: wine would hand them to cmd escaped (\"). Hence "&&" right after each value, and no spaces in the path.
          if (/\s/.test(file)) throw new Error(`${file}: a path with spaces cannot go through cmd under wine`);
          const line = [...sets, `${windowsPath(file)} ${argv.join(' ')}`].join('&& ');
          return spawn('wine', ['cmd', '/c', line], { ...options, env });
        }
        launch.start(args, { taskDir: dir, platform: 'win32', arch: 'x64', spawn: spawnUnderWine });
        """;

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
