using AwsTempCredentials.Testing.AzureDevOps;

namespace AwsTempCredentials.Tests.AzureDevOps;

/// <summary>
/// Shared by every Azure DevOps task test: the installed task (launcher + product binary), the fake Azure DevOps
/// (OIDC token and secure-file endpoints). Each test gets its own agent temp directory.
/// </summary>
public sealed class AzureDevOpsTaskFixture : IAsyncLifetime
{
    /// <summary>Nothing listens here: AWS calls made by mistake fail fast, never reach the network.</summary>
    public const string UnreachableEndpoint = "http://127.0.0.1:9";

    public TaskInstallation Task { get; } = new();

    public FakeAzureDevOps AzureDevOps { get; private set; } = null!;

    public Task InitializeAsync()
    {
        AzureDevOps = new FakeAzureDevOps(MintUnsigned);
        return System.Threading.Tasks.Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await AzureDevOps.DisposeAsync();
        Task.Dispose();
    }

    /// <summary>A fresh agent (own temp directory) whose AWS endpoints point nowhere.</summary>
    public AgentEnvironment NewAgent()
    {
        var temp = Directory.CreateTempSubdirectory("ado-agent-temp-").FullName;
        return new AgentEnvironment(AzureDevOps, temp)
            .Variable("AWS_ENDPOINT_URL_STS", UnreachableEndpoint)
            .Variable("AWS_ENDPOINT_URL_ROLESANYWHERE", UnreachableEndpoint);
    }

    public async Task<TaskRun> RunAsync(AgentEnvironment agent) => TaskRun.From(await Task.RunMainAsync(agent.Build()));

    private static string MintUnsigned(string issuer, string subject, string audience) =>
        $"{Base64Url("{\"alg\":\"none\"}")}.{Base64Url($"{{\"iss\":\"{issuer}\",\"sub\":\"{subject}\",\"aud\":\"{audience}\"}}")}.";

    private static string Base64Url(string text) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
