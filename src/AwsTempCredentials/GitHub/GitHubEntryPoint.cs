namespace AwsTempCredentials.GitHub;

/// <summary>Entry of the GitHub container action: <c>github</c>.</summary>
internal static class GitHubEntryPoint
{
    public static Task<int> RunAsync(CancellationToken cancellationToken) =>
        throw new NotImplementedException("The GitHub host is being written.");
}
