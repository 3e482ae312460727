namespace AwsTempCredentials.Testing.Processes;

/// <summary>
/// The aws-temp-credentials executable under test: the Native AOT binary named by <c>AWSTC_BINARY</c> (CI publishes
/// it and sets this), else the app host built next to the tests.
/// </summary>
public static class ProductBinary
{
    public const string OverrideVariable = "AWSTC_BINARY";

    public static string Path
    {
        get
        {
            if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } path)
            {
                return System.IO.Path.GetFullPath(path);
            }

            var local = System.IO.Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "aws-temp-credentials.exe" : "aws-temp-credentials");
            return File.Exists(local) ? local : throw new FileNotFoundException($"No product binary: set {OverrideVariable} or build the solution.", local);
        }
    }

    /// <summary>True when the binary under test is the Native AOT build.</summary>
    public static bool IsNativeAot => Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 };
}
