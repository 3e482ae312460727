namespace AwsTempCredentials.AzureDevOps.LoggingCommands;

/// <summary>The <c>result</c> of <c>task.complete</c>.</summary>
internal enum TaskResult
{
    Succeeded,
    Failed,
}
