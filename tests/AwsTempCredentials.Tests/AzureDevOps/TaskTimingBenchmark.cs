using System.Diagnostics;
using AwsTempCredentials.Testing.AzureDevOps;

namespace AwsTempCredentials.Tests.AzureDevOps;

/// <summary>
/// End-to-end task time: the launcher run with node against the fakes (OIDC via a connection, and Roles Anywhere
/// from secure files), as the agent runs it. Only when AWSTC_BENCH_RUNS is set (bench/azure-devops-task.sh sets it with the
/// AOT binary); writes the median of the runs to bench/results/azure-devops-task.txt.
/// </summary>
public sealed class TaskTimingBenchmark(AzureDevOpsTaskFixture fixture) : IClassFixture<AzureDevOpsTaskFixture>
{
    [Benchmarks.BenchmarkFact]
    public async Task Median_end_to_end_task_time()
    {
        var runs = Benchmarks.BenchmarkSettings.Runs;
        var connection = fixture.AzureDevOps.AddConnection("aws-bench");
        var leaf = Testing.Pki.TestPki.Shared.Leaf(Testing.Pki.TestKeyType.EcP256);
        var (certId, certTicket) = fixture.AzureDevOps.AddSecureFile("cert.pem", System.Text.Encoding.ASCII.GetBytes(leaf.CertificatePem));
        var (keyId, keyTicket) = fixture.AzureDevOps.AddSecureFile("key.pem", System.Text.Encoding.ASCII.GetBytes(leaf.PrivateKeyPkcs8Pem));
        var scenarios = new Dictionary<string, Func<AgentEnvironment>>
        {
            ["oidc"] = () => fixture.Oidc(fixture.NewAgent(), connection),
            ["rolesAnywhere-secure-files"] = () => fixture.NewAgent().Input("authMethod", "rolesAnywhere")
                .Input("roleToAssume", fixture.RolesAnywhereRole).Input("trustAnchorArn", fixture.TrustAnchorArn).Input("profileArn", fixture.ProfileArn)
                .SecureFile("certificateSecureFile", certId, "cert.pem", certTicket).SecureFile("privateKeySecureFile", keyId, "key.pem", keyTicket),
        };

        var lines = new List<string> { $"binary: {Testing.Processes.ProductBinary.Path} (native AOT: {Testing.Processes.ProductBinary.IsNativeAot}), node launcher, {runs} runs each" };
        foreach (var (name, build) in scenarios)
        {
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var environment = build().Build();
                var watch = Stopwatch.StartNew();
                var run = TaskRun.From(await fixture.Task.RunMainAsync(environment));
                times.Add(watch.Elapsed.TotalMilliseconds);
                run.AssertSucceeded();
            }

            times.Sort();
            lines.Add(FormattableString.Invariant($"{name}: median {times[times.Count / 2]:0} ms, min {times[0]:0} ms, max {times[^1]:0} ms"));
        }

        var results = Path.Combine(TaskDefinition.Directory, "..", "..", "bench", "results");
        Directory.CreateDirectory(results);
        await File.WriteAllLinesAsync(Path.Combine(results, "azure-devops-task.txt"), lines);
    }
}
