namespace AwsTempCredentials.Tests.Scale;

/// <summary>
/// A bounded load test: a burst of jobs against a small CreateSession quota all get credentials, each with few
/// requests. Timings are reported by bench/org-scale.sh, never asserted here.
/// </summary>
[Collection(LoadTests.Name)]
public sealed class OrgScaleTests
{
    [Fact]
    public async Task Sixty_jobs_against_three_per_second_all_get_credentials_with_few_requests_each()
    {
        var burst = await JobBurst.RunAsync(jobs: 60, perSecond: 3);

        var failures = burst.Runs.Where(r => r.Result.ExitCode != 0).Select(r => r.Result.ToString()).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} jobs failed; the first:\n{failures.FirstOrDefault()}");
        Assert.True(burst.ThrottledAnswers > 0, "The quota never throttled: the test did not load the fake.");
        Assert.True(burst.RequestsPerJob <= 10, burst.Describe("too many requests"));
        Assert.True(burst.CreateSessionRequests == burst.Runs.Sum(r => r.Attempts),
            $"{burst.Describe("requests the jobs did not announce")}\n{burst.Runs.MaxBy(r => r.Attempts)!.Result}");
        Assert.Equal(0, burst.StsRequests);
    }
}
