namespace AwsTempCredentials.Tests.Benchmarks;

/// <summary>
/// A measurement, not a test: skipped unless a script under bench/ runs it with <c>AWSTC_BENCH_RUNS</c> set.
/// Speed and size are never asserted by timed tests.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (!BenchmarkSettings.Enabled)
        {
            Skip = "A benchmark: run it with a bench/*.sh script.";
        }
    }
}
