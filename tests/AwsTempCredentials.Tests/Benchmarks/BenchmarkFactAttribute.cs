using System.Runtime.CompilerServices;

namespace AwsTempCredentials.Tests.Benchmarks;

/// <summary>
/// A measurement, not a test: skipped unless a script under bench/ runs it with <c>AWSTC_BENCH_RUNS</c> set.
/// Speed and size are never asserted by timed tests.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BenchmarkFactAttribute : FactAttribute
{
    /// <summary>The skip reason; .ci/run accepts skipped tests with exactly this reason and no other.</summary>
    public const string SkipReason = "A benchmark: run it with a bench/*.sh script.";

    public BenchmarkFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (!BenchmarkSettings.Enabled)
        {
            Skip = SkipReason;
        }
    }
}
