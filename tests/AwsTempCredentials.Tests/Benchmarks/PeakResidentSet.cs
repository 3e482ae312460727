using System.Globalization;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Benchmarks;

/// <summary>
/// The peak resident set of one run of a program. Measured from a small parent (python3's getrusage of its child):
/// a child forked by the test host would count the host's own pages until it calls exec.
/// </summary>
public static class PeakResidentSet
{
    private const string Script = "import resource, subprocess, sys\n" +
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)\n" +
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n";

    /// <summary>Kilobytes.</summary>
    public static async Task<long> MeasureAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var result = await ProcessRunner.RunAsync("python3", ["-c", Script, program, .. arguments], environment);
        Assert.True(result.ExitCode == 0, result.ToString());
        return long.Parse(result.Stdout.Trim(), CultureInfo.InvariantCulture);
    }
}
