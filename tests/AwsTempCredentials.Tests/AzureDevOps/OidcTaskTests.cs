using AwsTempCredentials.Testing.AzureDevOps;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.AzureDevOps;

/// <summary>OIDC through an AWS service connection with no secret (scheme None): the token is requested for the connection.</summary>
public sealed class OidcTaskTests(AzureDevOpsTaskFixture fixture) : IClassFixture<AzureDevOpsTaskFixture>
{
    [Fact]
    public async Task Oidc_connection_gives_later_steps_and_toolkit_tasks_credentials()
    {
        var (agent, id) = Oidc("aws-payments-prod");

        var run = await fixture.RunAsync(agent);

        run.AssertSucceeded();
        run.AssertSecretsMasked(fixture.AzureDevOps.IssuedTokens, fixture.AzureDevOps.SystemToken);
        Assert.Contains(fixture.AzureDevOps.OidcRequests, r => r.ConnectionId == id && r.ApiVersion == "7.1" && r.Status == 200);
        Assert.Equal("eu-west-1", run.Variable("AWS.Region"));
        Assert.Equal("eu-west-1", run.Variable("AWS_REGION"));
        Assert.Equal("eu-west-1", run.Variable("AWS_DEFAULT_REGION"));
        Assert.Equal("default", run.Variable("AWS_PROFILE"));
        Assert.StartsWith(agent.TempDirectory, run.Variable("AWS_CONFIG_FILE"), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(run.Variable("AWS_SHARED_CREDENTIALS_FILE")!));
        Assert.NotNull(run.Variable("expiration"));

        // Default session name from project/pipeline/run, sanitised.
        var arn = await fixture.CallerArnAsync(agent.LaterStep(run.Log.LaterStepVariables()));
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/oidc-deploy/Payments-payments-deploy-20261123.4", arn);
        Assert.Equal(arn, run.Variable("authenticatedArn"));

        var summary = File.ReadAllText(run.Log.Named("task.uploadsummary").Single().Data);
        Assert.Contains("OIDC web identity", summary, StringComparison.Ordinal);
        Assert.Contains(arn, summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_summary_names_the_issuer_of_the_organizations_token_and_the_iam_oidc_provider_it_needs(bool entraIssuer)
    {
        var role = entraIssuer ? fixture.EntraOidcRole : fixture.OidcRole;
        var (agent, _) = Oidc(entraIssuer ? "aws-entra" : "aws-vstoken", role, entraIssuer);
        var ado = fixture.AzureDevOps;
        var issuer = entraIssuer ? ado.EntraIssuer : ado.Issuer;

        var run = await fixture.RunAsync(agent);

        // A token from either issuer gets credentials for the role that trusts that issuer.
        run.AssertSucceeded();
        var arn = await fixture.CallerArnAsync(agent.LaterStep(run.Log.LaterStepVariables()));
        Assert.StartsWith(role.Replace(":iam::", ":sts::", StringComparison.Ordinal).Replace(":role/", ":assumed-role/", StringComparison.Ordinal) + "/", arn, StringComparison.Ordinal);
        var summary = File.ReadAllText(run.Log.Named("task.uploadsummary").Single().Data);
        var name = entraIssuer ? $"Microsoft Entra issuer (tenant {ado.TenantId})" : $"Azure DevOps issuer (organization id {ado.OrganizationId})";
        Assert.Contains($"| Token issuer | {name}: `{issuer}` |", summary, StringComparison.Ordinal);
        Assert.Contains(
            $"| IAM OIDC provider | `{issuer}` with client id (audience) `{FakeAzureDevOps.Audience}`: `arn:aws:iam::111122223333:oidc-provider/{issuer["https://".Length..]}` |",
            summary, StringComparison.Ordinal);
        Assert.Contains(
            entraIssuer
                ? $"This organization's token has the {name}. An IAM OIDC provider for the Azure DevOps issuer (vstoken.dev.azure.com) does not accept it: register this issuer."
                : $"This organization's token has the {name}, which Microsoft retires on 1 July 2027",
            summary, StringComparison.Ordinal);

        // The claims travel to the summary as values; the token appears nowhere but in the command that masks it,
        // and not even its signature is in the summary or on stderr.
        run.AssertSecretsMasked(ado.IssuedTokens, ado.SystemToken);
        SecretScan.AssertAbsent(run.Process.Stderr + summary, ado.IssuedTokens.Select(t => t.Split('.')[2]), "the task's stderr and summary");
    }

    [Fact]
    public async Task Without_system_oidcrequesturi_the_plans_jobs_url_is_used()
    {
        var (agent, id) = Oidc("aws-fallback");
        agent.IncludeOidcRequestUri = false;

        var run = await fixture.RunAsync(agent);

        run.AssertSucceeded();
        Assert.Contains(fixture.AzureDevOps.OidcRequests, r => r.ConnectionId == id && r.ApiVersion == "7.1-preview.1" && r.Status == 200);
    }

    [Fact]
    public async Task Refresh_makes_the_later_step_get_credentials_through_credential_process_and_post_cleans_up()
    {
        var (agent, _) = Oidc("aws-refresh");
        agent.Input("refresh", "true").Input("awsProfile", "deploy");

        var run = await fixture.RunAsync(agent);

        run.AssertSucceeded(refresh: true);
        run.AssertSecretsMasked(fixture.AzureDevOps.IssuedTokens, fixture.AzureDevOps.SystemToken);
        var config = File.ReadAllText(run.Variable("AWS_CONFIG_FILE")!);
        Assert.Contains("[profile deploy]", config, StringComparison.Ordinal);
        Assert.Contains("credential_process = ", config, StringComparison.Ordinal);
        Assert.DoesNotContain("[deploy]", File.ReadAllText(run.Variable("AWS_SHARED_CREDENTIALS_FILE")!), StringComparison.Ordinal);
        var stateFile = Path.Combine(agent.TempDirectory, "aws-temp-credentials", "deploy.refresh-state");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stateFile));
        Assert.Contains("azure-devops' 'credential-process'", config, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.AzureDevOps.SystemToken, config, StringComparison.Ordinal);

        // The later step's AWS CLI runs credential_process, which requests a fresh OIDC token with the job's access token.
        var before = fixture.AzureDevOps.IssuedTokens.Count;
        var arn = await fixture.CallerArnAsync(agent.LaterStep(run.Log.LaterStepVariables()));
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/oidc-deploy/", arn, StringComparison.Ordinal);
        Assert.Equal(before + 1, fixture.AzureDevOps.IssuedTokens.Count);

        var post = await fixture.RunPostAsync(agent, run);
        Assert.Equal(0, post.Process.ExitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(agent.TempDirectory));
    }

    private (AgentEnvironment Agent, string ConnectionId) Oidc(string connectionName, string? role = null, bool entraIssuer = false)
    {
        var id = fixture.AzureDevOps.AddConnection(connectionName, entraIssuer);
        return (fixture.Oidc(fixture.NewAgent(), id, role), id);
    }
}
