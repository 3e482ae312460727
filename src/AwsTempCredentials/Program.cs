using System.Runtime.InteropServices;
using AwsTempCredentials.Cli;

// One executable, three hosts: the CLI (default), the Azure DevOps task and the GitHub action.
// CI hosts take their inputs from the environment, the way their agent or runner passes them.
//
// SIGINT (Ctrl-C), SIGTERM (a cancelled pipeline, docker stop) and SIGQUIT cancel the run: it stops waiting, writes
// nothing, removes its temporary files and exits 6 with a message. A second signal ends the process at once.
using var cancellation = new CancellationTokenSource();
var signals = new List<PosixSignalRegistration>();
foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
{
    signals.Add(PosixSignalRegistration.Create(signal, context =>
    {
        if (cancellation.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        cancellation.Cancel();
    }));
}

try
{
    return args switch
    {
        ["azure-devops", .. var rest] => await AwsTempCredentials.AzureDevOps.AzureDevOpsEntryPoint.RunAsync(rest, cancellation.Token),
        ["explain", .. var rest] => await ExplainCommand.RunAsync(rest, cancellation.Token),
        ["github", "post"] => AwsTempCredentials.GitHub.GitHubPostStep.Run(Environment.GetEnvironmentVariable, new AwsTempCredentials.GitHub.WorkflowCommandWriter(Console.Out)),
        ["github", "credential-process", .. var rest] => await AwsTempCredentials.GitHub.GitHubCredentialProcess.RunAsync(rest, cancellation.Token),
        ["github", "run"] => await AwsTempCredentials.GitHub.GitHubEntryPoint.RunAsync(cancellation.Token, onRunner: true),
        ["github", ..] => await AwsTempCredentials.GitHub.GitHubEntryPoint.RunAsync(cancellation.Token),
        _ => await CliCommand.RunAsync(args, cancellation.Token),
    };
}
finally
{
    // Before the token source goes: a late signal then takes its default action instead of touching a disposed source.
    foreach (var registration in signals)
    {
        registration.Dispose();
    }
}
