using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;
using AwsTempCredentials.Tests.Cli;

namespace AwsTempCredentials.Tests.Benchmarks;

/// <summary>
/// bench/cli.sh: process start → credentials printed, for Roles Anywhere and OIDC against the loopback fakes;
/// median of the runs, peak RSS of the binary, binary size.
/// </summary>
public sealed class CliBenchmark(CliWorld world) : IClassFixture<CliWorld>
{
    [BenchmarkFact]
    public async Task Cli_end_to_end()
    {
        var directory = Directory.CreateTempSubdirectory("awstc-bench-").FullName;
        var files = CliWorld.Pki.Leaf(TestKeyType.EcP256).WriteTo(directory);
        var token = Path.Combine(directory, "token");
        File.WriteAllText(token, world.Oidc.Mint(CliWorld.Subject, CliWorld.Audience, TimeSpan.FromHours(1)));
        var scenarios = new Dictionary<string, string[]>
        {
            ["--help (process start only)"] = ["--help"],
            ["Roles Anywhere (P-256)"] = [.. world.RolesAnywhereArguments(), "--certificate", files.CertificatePath, "--private-key", files.PrivateKeyPath, "--output", "json"],
            ["OIDC web identity"] = ["--role-to-assume", world.OidcRole, "--web-identity-token-file", token, "--output", "json"],
        };

        var lines = new List<string>
        {
            $"binary: {ProductBinary.Path}, {new FileInfo(ProductBinary.Path).Length:N0} bytes, native AOT: {ProductBinary.IsNativeAot}",
        };
        foreach (var (name, arguments) in scenarios)
        {
            var times = new List<double>();
            for (var run = 0; run <= BenchmarkSettings.Runs; run++)
            {
                var result = await world.RunAsync(arguments);
                Assert.True(result.ExitCode == 0, result.ToString());
                Assert.Contains(arguments[0] == "--help" ? "Usage:" : "\"SecretAccessKey\"", result.Stdout, StringComparison.Ordinal);
                if (run > 0)
                {
                    times.Add(result.Elapsed.TotalMilliseconds);
                }
            }

            var peak = await PeakResidentSet.MeasureAsync(ProductBinary.Path, arguments, world.Environment());
            lines.Add(BenchmarkSettings.Describe(name, times) + $"; peak RSS {peak / 1024.0:0.0} MiB");
        }

        Directory.Delete(directory, recursive: true);
        await BenchmarkSettings.WriteAsync("cli", lines);
    }
}
