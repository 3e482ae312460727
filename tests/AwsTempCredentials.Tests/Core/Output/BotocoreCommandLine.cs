using System.Text.Json;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Core.Output;

/// <summary>
/// How the AWS CLI itself splits a profile's <c>credential_process</c> line into the program and its arguments:
/// botocore's <c>compat_shell_split</c> (shlex on Linux and macOS, the C runtime's rules on Windows), run with the
/// installed CLI's own Python and botocore.
/// </summary>
internal static class BotocoreCommandLine
{
    private const string Script = """
        import json, sys
        try:
            from awscli.botocore.compat import compat_shell_split
        except ImportError:
            from botocore.compat import compat_shell_split
        print(json.dumps(compat_shell_split(sys.stdin.read(), sys.argv[1])))
        """;

    public static async Task<string[]> SplitAsync(string line, bool windows)
    {
        var cli = Requires.AwsCli();
        var python = File.ReadLines(cli).First()[2..].Trim(); // the CLI's interpreter, from its #! line
        var result = await ProcessRunner.RunAsync(python, ["-c", Script, windows ? "win32" : "linux"], ProcessRunner.BaseEnvironment(), stdin: line);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonSerializer.Deserialize<string[]>(result.Stdout)!;
    }
}
