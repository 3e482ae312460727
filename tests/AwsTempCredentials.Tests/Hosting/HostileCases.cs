using AwsTempCredentials.Testing.Hosting;

namespace AwsTempCredentials.Tests.Hosting;

/// <summary>
/// What every host must do when a CI platform endpoint or STS answers badly (<see cref="HostileEndpoint"/>): the
/// documented exit code, the words that name the cause, and afterwards that nothing reached the host a redirect
/// named and the run ended well within its deadline. The GitHub and Azure DevOps hostile-server tests share it.
/// </summary>
public static class HostileCases
{
    /// <summary>Exit code and words for an STS that redirects AssumeRoleWithWebIdentity: the token must not follow.</summary>
    public const int StsRedirectExitCode = 5;

    public static readonly string[] StsRedirectWords = ["answered AssumeRoleWithWebIdentity with a redirect", "not followed"];

    /// <summary>Every way an endpoint can answer badly.</summary>
    public static TheoryData<HostileAnswer> Every() => [.. Enum.GetValues<HostileAnswer>()];

    /// <summary>The answers a file download meets (a stream of bytes, where truncated JSON means nothing).</summary>
    public static TheoryData<HostileAnswer> Download() => [HostileAnswer.Html, HostileAnswer.HugeDeclared, HostileAnswer.Redirect302, HostileAnswer.Slow];

    public static TheoryData<HostileAnswer> StsRedirects() => [HostileAnswer.Redirect307, HostileAnswer.Redirect302];

    /// <summary>The exit code and the words of the error, for a platform endpoint's answer.</summary>
    public static (int ExitCode, string Cause) Expected(HostileAnswer answer) => answer switch
    {
        HostileAnswer.Html => (8, "HTML page"),
        HostileAnswer.TruncatedJson => (8, "truncated"),
        HostileAnswer.Empty => (8, "empty answer"),
        HostileAnswer.Huge or HostileAnswer.HugeDeclared => (8, "more than 1 MiB"),
        HostileAnswer.Slow => (6, "action-timeout-s"),
        _ => (8, "redirect"),
    };

    /// <summary>The hostile endpoint was asked, nothing reached the host a redirect named, and the run did not wait it out.</summary>
    public static void AssertContained(HostileEndpoint hostile, TimeSpan elapsed)
    {
        Assert.True(hostile.Requests > 0, "The hostile endpoint was never called.");
        Assert.Empty(hostile.ReceivedElsewhere);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }
}
