using AwsTempCredentials.Testing.GitHub;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>
/// What only the JavaScript action (action/node) has: its metadata, its launcher's failures in the runner's terms, its
/// post step. The end-to-end cases it shares with the container action run through every entry (the container's
/// entrypoint, the JavaScript action on Linux and on Windows) from <see cref="ActionEntries"/> in
/// GitHubOidcEndToEndTests, GitHubRolesAnywhereEndToEndTests and GitHubBadInputTests.
/// </summary>
public sealed class JavaScriptActionTests
{
    private static string RootActionYml => ActionMetadata.FindActionYml();

    private static string NodeActionYml => Path.Combine(JavaScriptAction.SourceDirectory, "action.yml");

    [Fact]
    public void Inputs_and_outputs_are_the_container_actions_byte_for_byte()
    {
        static string InputsAndOutputs(string file)
        {
            var text = File.ReadAllText(file).ReplaceLineEndings("\n");
            var start = text.IndexOf("\ninputs:\n", StringComparison.Ordinal);
            Assert.True(start >= 0, $"{file} has no top-level inputs:");
            Assert.Contains("\noutputs:\n", text[start..], StringComparison.Ordinal);
            return text[(start + 1)..];
        }

        Assert.Equal(InputsAndOutputs(RootActionYml), InputsAndOutputs(NodeActionYml));
        var root = ActionMetadata.Load(RootActionYml).Inputs;
        var node = ActionMetadata.Load(NodeActionYml).Inputs;
        Assert.True(root.Count > 30, "the reader found the inputs");
        Assert.Equal(root.OrderBy(p => p.Key, StringComparer.Ordinal), node.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Runs_on_node24_with_main_and_post_and_the_container_action_stays_a_container_action()
    {
        var node = File.ReadAllText(NodeActionYml).ReplaceLineEndings("\n");
        Assert.Contains("\nruns:\n  using: node24\n  main: main.js\n  post: post.js\n", node, StringComparison.Ordinal);
        foreach (var file in new[] { "main.js", "post.js", "load-launcher.js" })
        {
            Assert.True(File.Exists(Path.Combine(JavaScriptAction.SourceDirectory, file)), file);
        }

        Assert.Contains("\nruns:\n  using: docker\n", File.ReadAllText(RootActionYml).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task From_the_source_tree_it_fails_with_a_clear_error_and_exports_nothing()
    {
        using var runner = new RunnerEnvironment().With("role-to-assume", "arn:aws:iam::111122223333:role/deploy").With("aws-region", "eu-west-1");

        var result = await ProcessRunner.RunAsync(JavaScriptAction.NodePath, [Path.Combine(JavaScriptAction.SourceDirectory, "main.js")], runner.Build(), workingDirectory: runner.Workspace);

        var error = EntrypointAssert.FailedCleanly(result, runner, [], "source of the JavaScript action", "node-v1", "tasks/build-github-action.sh");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("aws-temp-credentials", error.Properties["title"]);
    }

    [Fact]
    public async Task A_release_without_the_runners_binary_fails_the_step_in_the_runners_terms()
    {
        var copy = Directory.CreateTempSubdirectory("gh-js-nobin-").FullName;
        try
        {
            foreach (var file in Directory.EnumerateFiles(JavaScriptAction.Directory))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            using var runner = new RunnerEnvironment().With("role-to-assume", "arn:aws:iam::111122223333:role/deploy").With("aws-region", "eu-west-1");
            var result = await ProcessRunner.RunAsync(JavaScriptAction.NodePath, [Path.Combine(copy, "main.js")], runner.Build(), workingDirectory: runner.Workspace);

            EntrypointAssert.FailedCleanly(result, runner, [], "The action's linux-x64 executable is missing", "release of the JavaScript action");
            Assert.Equal(1, result.ExitCode);
            Assert.DoesNotContain("##vso[", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task The_post_step_after_a_plain_run_leaves_everything_as_it_was()
    {
        await using var world = await GitHubAwsWorld.StartAsync();
        using var runner = world.DeployStep();
        var main = await JavaScriptAction.RunMainAsync(runner);
        Assert.True(main.ExitCode == 0, main.ToString());
        var env = File.ReadAllText(runner.EnvFile);
        var entries = Directory.EnumerateFileSystemEntries(runner.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

        var post = await JavaScriptAction.RunPostAsync(runner);

        Assert.True(post.ExitCode == 0, post.ToString());
        Assert.Equal(env, File.ReadAllText(runner.EnvFile));
        Assert.Equal(entries, Directory.EnumerateFileSystemEntries(runner.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(WorkflowCommandParser.Parse(post.Stdout), c => c.Name is "error" or "warning");
    }
}
