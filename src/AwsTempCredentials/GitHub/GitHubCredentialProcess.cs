using AwsTempCredentials.Cli;
using AwsTempCredentials.Reporting;

namespace AwsTempCredentials.GitHub;

/// <summary>
/// <c>github credential-process [CLI options]</c>: the <c>credential_process</c> of a refreshing OIDC profile
/// (<see cref="RefreshingStep"/>). Runs the CLI with a fresh ID token from the runner's ID-token endpoint, read from
/// the environment of the step that needs credentials (output credential-process).
/// </summary>
internal static class GitHubCredentialProcess
{
    public static Task<int> RunAsync(string[] cliArguments, CancellationToken cancellationToken) =>
        CliCommand.RunAsync(cliArguments, cancellationToken, new IdTokenClient(Environment.GetEnvironmentVariable, NullReporter.Instance).GetTokenAsync);
}
