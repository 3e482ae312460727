using System.Runtime.CompilerServices;
using AwsTempCredentials.Testing.GitHub;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>
/// A test of the win-x64 build under wine: skipped, with the reason, where wine or the build is missing — except on
/// CI (CI=true), where the test runs and fails on what is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WindowsUnderWineFactAttribute : FactAttribute
{
    public WindowsUnderWineFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && WindowsRunnerUnderWine.Unavailable() is { } reason)
        {
            Skip = reason;
        }
    }
}
