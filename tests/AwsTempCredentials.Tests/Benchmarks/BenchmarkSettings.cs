using System.Globalization;

namespace AwsTempCredentials.Tests.Benchmarks;

/// <summary>What a bench/*.sh script asked for: how many runs, where to write the figures.</summary>
public static class BenchmarkSettings
{
    public static bool Enabled => Environment.GetEnvironmentVariable("AWSTC_BENCH_RUNS") is { Length: > 0 };

    public static int Runs => int.Parse(Environment.GetEnvironmentVariable("AWSTC_BENCH_RUNS") ?? "20", CultureInfo.InvariantCulture);

    public static async Task WriteAsync(string name, IEnumerable<string> lines)
    {
        var path = Environment.GetEnvironmentVariable("AWSTC_BENCH_OUT")
            ?? Path.Combine(Environment.GetEnvironmentVariable("AWSTC_BENCH_DIR") ?? Path.GetTempPath(), name + ".txt");
        await File.WriteAllLinesAsync(path, lines);
    }

    /// <summary>Median, min and max in milliseconds, as one line.</summary>
    public static string Describe(string what, IReadOnlyList<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"{what}: median {median:0.0} ms, min {sorted[0]:0.0} ms, max {sorted[^1]:0.0} ms over {sorted.Count} runs");
    }
}
