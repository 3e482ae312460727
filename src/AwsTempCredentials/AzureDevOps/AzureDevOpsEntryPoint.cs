using AwsTempCredentials.AzureDevOps.LoggingCommands;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;

namespace AwsTempCredentials.AzureDevOps;

/// <summary>Entry of the Azure DevOps task: <c>azure-devops run</c> (main step), <c>azure-devops post</c> (post-job cleanup) and <c>azure-devops credential-process</c> (a refreshing profile).</summary>
internal static class AzureDevOpsEntryPoint
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var commands = new LoggingCommandWriter(Console.Out);
        switch (args)
        {
            case ["run"]:
                using (var host = new AzureDevOpsHost(Environment.GetEnvironmentVariable, commands, Environment.ProcessPath ?? "aws-temp-credentials"))
                {
                    return await Explain.ExplainHostRunner.RunIfRequestedAsync(new InputVariables(Environment.GetEnvironmentVariable), host, cancellationToken)
                        ?? await CredentialHostRunner.RunAsync(host, cancellationToken);
                }

            case ["credential-process", var statePath, .. var cliArguments]:
                return await Refresh.RefreshCommand.RunAsync(statePath, cliArguments, cancellationToken);
            case ["post"]:
                var names = Environment.GetEnvironmentVariables().Keys.Cast<object>().Select(k => k.ToString()!).ToList();
                return PostJobCleanup.Run(Environment.GetEnvironmentVariable, names, commands);
            default:
                await Console.Error.WriteLineAsync("usage: aws-temp-credentials azure-devops <run|post|credential-process STATE [options]> (run by the Azure Pipelines task and its refreshing profile)");
                return ExitCodes.InvalidOptions;
        }
    }
}
