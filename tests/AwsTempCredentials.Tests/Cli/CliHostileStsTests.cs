using AwsTempCredentials.Testing.Hosting;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Cli;

/// <summary>
/// Issue 9, class 8: an "STS" that answers 200 with something else — an HTML page, an empty or truncated body, a huge
/// one — is a clear service error (exit 5), never a crash, and the run writes nothing.
/// </summary>
public sealed class CliHostileStsTests(CliWorld world) : IClassFixture<CliWorld>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("awstc-cli-hostile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(HostileAnswer.Html)]
    [InlineData(HostileAnswer.Empty)]
    [InlineData(HostileAnswer.TruncatedJson)]
    [InlineData(HostileAnswer.Huge)]
    public async Task A_200_that_is_not_an_sts_answer_is_a_clear_service_error(HostileAnswer answer)
    {
        await using var hostile = await HostileEndpoint.StartAsync(answer);
        var token = Path.Combine(_directory, "token");
        var mintedToken = world.Oidc.Mint(CliWorld.Subject, CliWorld.Audience);
        File.WriteAllText(token, mintedToken);
        var environment = world.Environment();
        environment["AWS_ENDPOINT_URL_STS"] = hostile.BaseAddress.ToString();
        var credentials = Path.Combine(_directory, "credentials");

        var result = await world.RunAsync(["--role-to-assume", world.OidcRole, "--web-identity-token-file", token, "--aws-region", "eu-west-1",
            "--write-profile", "ci", "--credentials-file", credentials, "--config-file", Path.Combine(_directory, "config"), "--action-timeout-s", "30"], environment);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains($"STS at {hostile.BaseAddress}", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.False(File.Exists(credentials));
        SecretScan.AssertAbsent(result.AllOutput, [mintedToken], "output");
    }
}
