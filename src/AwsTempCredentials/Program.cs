using AwsTempCredentials.Cli;

// One executable, three hosts: the CLI (default), the Azure DevOps task and the GitHub action.
// CI hosts take their inputs from the environment, the way their agent or runner passes them.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return args switch
{
    ["azure-devops", .. var rest] => await AwsTempCredentials.AzureDevOps.AzureDevOpsEntryPoint.RunAsync(rest, cancellation.Token),
    ["explain", .. var rest] => await ExplainCommand.RunAsync(rest, cancellation.Token),
    ["github", ..] => await AwsTempCredentials.GitHub.GitHubEntryPoint.RunAsync(cancellation.Token),
    _ => await CliCommand.RunAsync(args, cancellation.Token),
};
