using System.Globalization;
using AwsTempCredentials.Testing.GitHub;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>
/// bench/github-action.sh: median wall time of an OIDC run (ID token, AssumeRoleWithWebIdentity, GetCallerIdentity,
/// file commands) of the entrypoint, of the JavaScript action (node, its launcher, the binary) and of the container
/// image, each started as the runner starts it. Runs only
/// when AWSTC_BENCH_RUNS is set.
/// </summary>
public sealed class GitHubActionBenchmark
{
    [Benchmarks.BenchmarkFact]
    public async Task Median_end_to_end_time()
    {
        var runs = Benchmarks.BenchmarkSettings.Runs;

        await using var world = await GitHubAwsWorld.StartAsync();
        var lines = new List<string> { $"binary: {ProductBinary.Path} ({new FileInfo(ProductBinary.Path).Length} bytes, native AOT: {ProductBinary.IsNativeAot})" };
        lines.Add(Describe("entrypoint", await MeasureAsync(runs, runner => runner.RunEntrypointAsync(), world)));
        lines.Add($"JavaScript action: {JavaScriptAction.Directory} (node {await NodeVersionAsync()})");
        lines.Add(Describe("JavaScript action (node main.js: launcher + binary, as the runner)", await MeasureAsync(runs, runner => JavaScriptAction.RunMainAsync(runner), world)));
        if (ContainerAction.Unavailable() is null)
        {
            lines.Add($"image: {await ContainerAction.ImageAsync()}");
            lines.Add(Describe("container (podman run, as the runner)", await MeasureAsync(runs, runner => ContainerAction.RunAsync(runner), world)));
        }

        await File.WriteAllLinesAsync(Environment.GetEnvironmentVariable("AWSTC_BENCH_OUT") ?? "/dev/stdout", lines);
    }

    private static async Task<List<double>> MeasureAsync(int runs, Func<RunnerEnvironment, Task<ProcessResult>> run, GitHubAwsWorld world)
    {
        var times = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            using var runner = world.DeployStep();
            var result = await run(runner);
            Assert.True(result.ExitCode == 0, result.ToString());
            if (i > 0)
            {
                times.Add(result.Elapsed.TotalMilliseconds); // the first run warms caches and is left out
            }
        }

        return times;
    }

    private static async Task<string> NodeVersionAsync() =>
        (await ProcessRunner.RunAsync(JavaScriptAction.NodePath, ["--version"], ProcessRunner.BaseEnvironment())).Stdout.Trim();

    private static string Describe(string what, List<double> times)
    {
        times.Sort();
        var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"{what}: median {median:0} ms over {times.Count} runs (min {times[0]:0}, max {times[^1]:0})");
    }
}
