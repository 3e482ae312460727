namespace AwsTempCredentials.AzureDevOps.LoggingCommands;

/// <summary>The <c>type</c> of <c>task.logissue</c>.</summary>
internal enum IssueType
{
    Error,
    Warning,
}
