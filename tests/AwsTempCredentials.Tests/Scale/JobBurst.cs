using System.Diagnostics;
using AwsTempCredentials.Testing;
using AwsTempCredentials.Testing.Faults;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Scale;

/// <summary>
/// Many pipelines starting at once: <c>jobs</c> Roles Anywhere runs of the real binary, all started together against
/// a Roles Anywhere fake whose CreateSession quota is a token bucket of <c>perSecond</c> requests a second.
/// </summary>
public static class JobBurst
{
    public static async Task<JobBurstResult> RunAsync(int jobs, double perSecond, IReadOnlyList<string>? extraArguments = null)
    {
        // The fake runs in this process: give its server threads for every job's request at once, as a real service
        // has capacity, so the burst measures the quota and the binary, not the test host's thread pool ramp-up.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, jobs + 16), Math.Max(completionPorts, jobs + 16));
        await using var aws = await FakeAws.StartAsync();
        var quota = new RateQuota(perSecond);
        aws.RolesAnywhere.Quota = quota;
        var trustAnchor = aws.AddTrustAnchor(TestPki.Shared.Root).Arn;
        var role = aws.AddRole("deploy", trustedPrincipals: [aws.DefaultAccount.Id]).Arn;
        var profile = aws.AddProfile([role]).Arn;
        var directory = Directory.CreateTempSubdirectory("awstc-burst-").FullName;
        try
        {
            var files = TestPki.Shared.Leaf(TestKeyType.EcP256).WriteTo(directory);
            string[] arguments =
            [
                "--trust-anchor-arn", trustAnchor, "--profile-arn", profile, "--role-to-assume", role,
                "--certificate", files.CertificatePath, "--private-key", files.PrivateKeyPath, "--output", "json", .. extraArguments ?? [],
            ];
            var environment = new Dictionary<string, string>(ProcessRunner.BaseEnvironment())
            {
                ["HOME"] = directory,
                ["AWS_ENDPOINT_URL_STS"] = aws.StsUrl.ToString(),
                ["AWS_ENDPOINT_URL_ROLESANYWHERE"] = aws.RolesAnywhereUrl.ToString(),
            };

            var clock = Stopwatch.StartNew();
            var runs = await Task.WhenAll(Enumerable.Range(0, jobs).Select(async _ =>
            {
                var result = await ProcessRunner.RunAsync(ProductBinary.Path, arguments, environment, timeout: TimeSpan.FromMinutes(10));
                return new JobRun(result, clock.Elapsed);
            }));
            return new JobBurstResult(runs, aws.RolesAnywhere.Requests[Testing.RolesAnywhere.FakeRolesAnywhere.Action], quota.Throttled, aws.Sts.Requests.Total);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

/// <summary>One job of a burst: what the process did, and when it finished (from the burst's start).</summary>
public sealed record JobRun(ProcessResult Result, TimeSpan FinishedAfter)
{
    /// <summary>CreateSession attempts this job made: one, plus one per wait it announced.</summary>
    public int Attempts => 1 + Result.Stderr.Split('\n').Count(line => line.Contains("next attempt in", StringComparison.Ordinal));
}

public sealed record JobBurstResult(IReadOnlyList<JobRun> Runs, int CreateSessionRequests, int ThrottledAnswers, int StsRequests)
{
    public int Succeeded => Runs.Count(r => r.Result.ExitCode == 0);

    public double RequestsPerJob => (double)CreateSessionRequests / Runs.Count;

    public TimeSpan FinishPercentile(double fraction)
    {
        var sorted = Runs.Select(r => r.FinishedAfter).Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
    }

    public string Describe(string title) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{title}: {Succeeded}/{Runs.Count} jobs got credentials; finish p50 {FinishPercentile(0.5).TotalSeconds:0.0} s, " +
        $"p99 {FinishPercentile(0.99).TotalSeconds:0.0} s, last {FinishPercentile(1).TotalSeconds:0.0} s; " +
        $"CreateSession requests per job {RequestsPerJob:0.0} (max {Runs.Max(r => r.Attempts)}); throttled answers {ThrottledAnswers}; STS requests {StsRequests}");
}
