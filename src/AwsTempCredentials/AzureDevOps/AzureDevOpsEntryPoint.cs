using AwsTempCredentials.AzureDevOps.LoggingCommands;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;

namespace AwsTempCredentials.AzureDevOps;

/// <summary>Entry of the Azure DevOps task: <c>azure-devops run</c> (main step) and <c>azure-devops post</c> (post-job cleanup).</summary>
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
                    return await CredentialHostRunner.RunAsync(host, cancellationToken);
                }

            case ["post"]:
                var names = Environment.GetEnvironmentVariables().Keys.Cast<object>().Select(k => k.ToString()!).ToList();
                return PostJobCleanup.Run(Environment.GetEnvironmentVariable, names, commands);
            default:
                await Console.Error.WriteLineAsync("usage: aws-temp-credentials azure-devops <run|post> (run by the Azure Pipelines task's launcher)");
                return ExitCodes.InvalidOptions;
        }
    }
}
