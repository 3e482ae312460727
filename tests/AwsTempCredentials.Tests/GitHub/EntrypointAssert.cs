using AwsTempCredentials.Testing.GitHub;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>What every run of the GitHub entrypoint must respect, success or failure.</summary>
internal static class EntrypointAssert
{
    /// <summary>Each secret appears on stdout first in its ::add-mask:: line and in clear nowhere else; never on stderr.</summary>
    public static void MasksFirst(ProcessResult result, IEnumerable<string> secrets)
    {
        var list = secrets.Where(s => !string.IsNullOrEmpty(s)).SelectMany(SecretParts).ToList();
        SecretScan.AssertMaskedFirst(result.Stdout, list, WorkflowCommandParser.IsMaskCommandFor);
        SecretScan.AssertAbsent(result.Stderr, list, "stderr");
        var masked = WorkflowCommandParser.MaskedValues(result.Stdout);
        foreach (var secret in list.Where(s => s.Length >= 4 && result.Stdout.Contains(s, StringComparison.Ordinal)))
        {
            Assert.Contains(secret, masked);
        }
    }

    /// <summary>A failed step: non-zero exit, one clear ::error:: holding the expected words, files untouched, no secret leaked.</summary>
    public static WorkflowCommand FailedCleanly(ProcessResult result, RunnerEnvironment runner, IEnumerable<string> secrets, params string[] expected)
    {
        Assert.True(result.ExitCode != 0, result.ToString());
        var errors = WorkflowCommandParser.Parse(result.Stdout).Where(c => c.Name == "error").ToList();
        var error = Assert.Single(errors);
        foreach (var words in expected)
        {
            Assert.True(error.Data.Contains(words, StringComparison.OrdinalIgnoreCase), $"The error does not say '{words}':\n{error.Data}\n\n{result}");
        }

        Assert.Equal(string.Empty, File.ReadAllText(runner.EnvFile));
        Assert.Equal(string.Empty, File.ReadAllText(runner.OutputFile));
        Assert.False(Directory.Exists(Path.Combine(runner.Home, ".aws")), "A profile was written by a failed step.");
        MasksFirst(result, secrets);
        return error;
    }

    /// <summary>A multi-line secret (a PEM key) is checked line by line, headers aside.</summary>
    private static IEnumerable<string> SecretParts(string secret) =>
        secret.Contains('\n', StringComparison.Ordinal)
            ? secret.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("-----", StringComparison.Ordinal))
            : [secret];
}
