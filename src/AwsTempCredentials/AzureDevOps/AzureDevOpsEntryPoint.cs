namespace AwsTempCredentials.AzureDevOps;

/// <summary>Entry of the Azure DevOps task: <c>azure-devops run</c> (main step) and <c>azure-devops post</c> (post-job cleanup).</summary>
internal static class AzureDevOpsEntryPoint
{
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken) =>
        throw new NotImplementedException("The Azure DevOps host is being written.");
}
