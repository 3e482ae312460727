using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Explain;

/// <summary>explain refuses bad input with the documented exit code and a message naming the option; nothing on stdout, no secret echoed.</summary>
public sealed class ExplainBadInputTests
{
    private const string NotAToken = "opaque-access-token-value-1234567890";

    public static TheoryData<string, int, string, string[]> Cases() => new()
    {
        { "nothing to explain", 2, "web-identity-token-file", [] },
        { "a token that is not a JWT", 2, "web-identity-token-file", ["--web-identity-token-file", "@token:" + NotAToken] },
        { "a JWT without claims", 2, "web-identity-token-file", ["--web-identity-token-file", "@token:e30.e30.c2ln"] },
        { "a missing token file", 2, "web-identity-token-file", ["--web-identity-token-file", "/nonexistent/awstc/token"] },
        { "an unknown output", 2, "output", ["--web-identity-token-file", "@token:e30.e30.c2ln", "--output", "env"] },
        { "a bad role ARN", 2, "role-to-assume", ["--web-identity-token-file", "@token:e30.e30.c2ln", "--role-to-assume", "deploy"] },
        { "Roles Anywhere without a certificate", 2, "certificate", ["--trust-anchor-arn", "arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/0f2c3a4b-1111-2222-3333-444455556666"] },
        { "a certificate that is not one", 3, "certificate", ["--certificate", "@token:this is not a certificate at all"] },
        { "an unsupported auth method", 2, "auth-method", ["--auth-method", "access-keys"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Fails_with_its_exit_code_naming_the_option(string what, int exitCode, string option, string[] arguments)
    {
        await using var run = await ExplainRun.StartAsync();
        var resolved = arguments.Select(a => a.StartsWith("@token:", StringComparison.Ordinal) ? run.File("input", a["@token:".Length..]) : a).ToArray();

        var result = await run.RunAsync(["explain", .. resolved]);

        Assert.True(result.ExitCode == exitCode, $"{what}: {result}");
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("aws-temp-credentials: error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(option, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        SecretScan.AssertAbsent(result.AllOutput, [NotAToken], "output");
        Assert.Equal(0, run.Aws.Sts.Requests.Total + run.Aws.RolesAnywhere.Requests.Total);
    }
}
