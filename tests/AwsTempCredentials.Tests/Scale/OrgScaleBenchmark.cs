using AwsTempCredentials.Tests.Benchmarks;

namespace AwsTempCredentials.Tests.Scale;

/// <summary>
/// bench/org-scale.sh: bursts of Roles Anywhere jobs against the CreateSession quota — 200 jobs against 2/s (the load
/// of 1,000 jobs against the default 10/s) and 50 jobs against 10/s — with default options.
/// </summary>
[Collection(LoadTests.Name)]
public sealed class OrgScaleBenchmark
{
    [BenchmarkFact]
    public async Task Bursts_against_the_create_session_quota()
    {
        var lines = new List<string>();
        foreach (var (jobs, perSecond) in new[] { (200, 2.0), (50, 10.0) })
        {
            var burst = await JobBurst.RunAsync(jobs, perSecond);
            lines.Add(burst.Describe($"{jobs} jobs against {perSecond:0}/s"));
            var failures = burst.Runs.Where(r => r.Result.ExitCode != 0).ToList();
            if (failures.Count > 0)
            {
                lines.Add($"  first failure: {failures[0].Result}");
            }
        }

        await BenchmarkSettings.WriteAsync("org-scale", lines);
    }
}
