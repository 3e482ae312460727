using AwsTempCredentials.Testing.GitHub;
using AwsTempCredentials.Testing.Hosting;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>
/// One adversarial case of the GitHub action: the documented exit code, one ::error:: naming the cause, the file
/// commands exactly as they were before the step, no profile holding credentials, and no secret in clear in any
/// output or in any file the step could reach.
/// </summary>
internal static class GitHubFailureAssert
{
    public static WorkflowCommand Failed(
        string name, ProcessResult result, RunnerEnvironment runner, int exitCode, IEnumerable<string> secrets, FilesBefore before, params string[] words)
    {
        AdversarialMatrix.Record("github", name, result.ExitCode, result.Elapsed);
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}, expected {exitCode}\n{result}");
        var error = Assert.Single(WorkflowCommandParser.Parse(result.Stdout), c => c.Name == "error");
        foreach (var expected in words)
        {
            Assert.True(error.Data.Contains(expected, StringComparison.OrdinalIgnoreCase), $"The error does not say '{expected}':\n{error.Data}\n\n{result}");
        }

        Assert.DoesNotContain("   at ", result.AllOutput, StringComparison.Ordinal);
        before.AssertUnchanged();
        var list = secrets.Where(s => s.Length >= 4).ToList();
        EntrypointAssert.MasksFirst(result, list);
        foreach (var file in Directory.EnumerateFiles(runner.Root, "*", SearchOption.AllDirectories))
        {
            SecretScan.AssertAbsent(File.ReadAllText(file), list, file);
        }

        return error;
    }

    /// <summary>The regular files a failed step must leave as they were (absent ones must stay absent).</summary>
    public sealed class FilesBefore
    {
        private readonly Dictionary<string, string?> _content = new(StringComparer.Ordinal);

        public static FilesBefore Of(params string[] paths)
        {
            var before = new FilesBefore();
            foreach (var path in paths)
            {
                before._content[path] = File.Exists(path) ? File.ReadAllText(path) : null;
            }

            return before;
        }

        public void AssertUnchanged()
        {
            foreach (var (path, content) in _content)
            {
                if (content is null)
                {
                    Assert.False(File.Exists(path), $"{path} was left behind by the failed step.");
                }
                else
                {
                    Assert.True(File.Exists(path) && File.ReadAllText(path) == content, $"{path} was changed by the failed step:\n{(File.Exists(path) ? File.ReadAllText(path) : "(removed)")}");
                }
            }
        }
    }
}
