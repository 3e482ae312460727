using AwsTempCredentials.AzureDevOps.Clients;
using AwsTempCredentials.AzureDevOps.Inputs;
using AwsTempCredentials.Cli;
using AwsTempCredentials.Hosting;
using AwsTempCredentials.Http;

namespace AwsTempCredentials.AzureDevOps.Refresh;

/// <summary>
/// <c>azure-devops credential-process STATE [CLI options]</c>: the <c>credential_process</c> of a refreshing OIDC
/// profile. Requests a fresh OIDC token for the service connection with the job's access token kept in STATE, then
/// runs the CLI with it (output credential-process).
/// </summary>
internal static class RefreshCommand
{
    public static async Task<int> RunAsync(string statePath, string[] cliArguments, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> state;
        try
        {
            state = RefreshState.Read(statePath);
        }
        catch (Errors.CredentialException e)
        {
            await Console.Error.WriteLineAsync($"aws-temp-credentials: error: {e.Describe()}");
            return e.ExitCode;
        }

        var settings = HttpSettings.FromEnvironment(Environment.GetEnvironmentVariable);
        using var http = PlatformHttpClient.Create(settings, "Azure DevOps");
        var client = new OidcTokenClient(http, new AgentVariables(name => state.GetValueOrDefault(name)));
        var connectionId = state.GetValueOrDefault(RefreshState.ConnectionIdKey) ?? string.Empty;
        return await CliCommand.RunAsync(cliArguments, cancellationToken, (_, retry, token) => client.GetTokenAsync(connectionId, retry, token));
    }
}
