using AwsTempCredentials.Testing.AzureDevOps;

namespace AwsTempCredentials.Tests.AzureDevOps;

/// <summary>Inputs the task must refuse: one clear error, result Failed, non-zero exit, nothing exported.</summary>
public sealed class BadInputTests(AzureDevOpsTaskFixture fixture) : IClassFixture<AzureDevOpsTaskFixture>
{
    private const string Role = "arn:aws:iam::111122223333:role/deploy";
    private const string TrustAnchor = "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0f2a6e0c-1b3d-4f5e-9a8b-7c6d5e4f3a2b";
    private const string Profile = "arn:aws:rolesanywhere:eu-west-1:111122223333:profile/4b3c2d1e-0f9a-4b8c-8d7e-6f5a4b3c2d1e";

    [Fact]
    public async Task Secure_file_id_without_a_ticket_is_refused()
    {
        var agent = RolesAnywhere(fixture.NewAgent())
            .SecureFile("certificateSecureFile", Guid.NewGuid().ToString(), "client.pem", ticket: null)
            .SecureFile("privateKeySecureFile", Guid.NewGuid().ToString(), "client.key", ticket: null);

        var run = await fixture.RunAsync(agent);

        run.AssertFailedWithNothingExported("certificateSecureFile: secure file");
        Assert.Contains(run.Log.Errors, e => e.Contains("authorized", StringComparison.Ordinal));
        var certificateId = agent.Build()["INPUT_CERTIFICATESECUREFILE"];
        Assert.DoesNotContain(fixture.AzureDevOps.SecureFileRequests, r => r.Id == certificateId);
    }

    [Fact]
    public async Task Expired_download_ticket_answered_with_http_200_json_is_recognised()
    {
        var (certId, certTicket) = fixture.AzureDevOps.AddSecureFile("client.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"u8.ToArray(), ticketExpired: true);
        var agent = RolesAnywhere(fixture.NewAgent()).SecureFile("certificateSecureFile", certId, "client.pem", certTicket);

        var run = await fixture.RunAsync(agent);

        run.AssertFailedWithNothingExported("download ticket is invalid or has expired");
        Assert.Contains(run.Log.Errors, e => e.Contains("TF15004", StringComparison.Ordinal) && e.Contains("client.pem", StringComparison.Ordinal));
        Assert.Contains(fixture.AzureDevOps.SecureFileRequests, r => r.Id == certId && r.Status == 200 && r.ErrorBody);
    }

    [Fact]
    public async Task Unknown_service_connection_is_refused()
    {
        var agent = fixture.NewAgent().Input("authMethod", "oidc").Input("awsServiceConnection", Guid.NewGuid().ToString()).Input("roleToAssume", Role);

        var run = await fixture.RunAsync(agent);

        run.AssertFailedWithNothingExported("was not found");
    }

    [Fact]
    public async Task Connection_the_oidc_endpoint_does_not_know_is_refused()
    {
        var id = Guid.NewGuid().ToString();
        var agent = fixture.NewAgent().Input("authMethod", "oidc")
            .ServiceConnection("awsServiceConnection", id, "None", data: new Dictionary<string, string> { ["roleArn"] = Role });

        var run = await fixture.RunAsync(agent);

        run.AssertFailedWithNothingExported("issued no OIDC token for service connection");
        Assert.Contains(fixture.AzureDevOps.OidcRequests, r => r.ConnectionId == id && r.Status == 404);
    }

    [Theory]
    [InlineData("oidc", "UsernamePassword", "holds access keys")]
    [InlineData("accessKeys", "None", "has no access keys")]
    [InlineData("oidc", "ServicePrincipal", "not an AWS connection")]
    [InlineData("accessKeys", "Token", "not an AWS connection")]
    public async Task Connection_with_the_wrong_scheme_is_refused(string method, string scheme, string expected)
    {
        var id = fixture.AzureDevOps.AddConnection("aws-prod");
        var agent = fixture.NewAgent().Input("authMethod", method)
            .ServiceConnection("awsServiceConnection", id, scheme, new Dictionary<string, string> { ["username"] = "AKIAIOSFODNN7EXAMPLE", ["password"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ["roleArn"] = Role });

        var run = await fixture.RunAsync(agent);

        run.AssertFailedWithNothingExported(expected);
        Assert.DoesNotContain(fixture.AzureDevOps.OidcRequests, r => r.ConnectionId == id);
    }

    [Fact]
    public async Task Oidc_without_the_job_access_token_says_how_to_enable_it()
    {
        var id = fixture.AzureDevOps.AddConnection("aws-prod");
        var agent = fixture.Oidc(fixture.NewAgent(), id, Role);
        agent.IncludeSystemToken = false;

        var run = await fixture.RunAsync(agent);

        run.AssertFailedWithNothingExported("no access token");
        Assert.Contains(run.Log.Errors, e => e.Contains("Allow scripts to access the OAuth token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Oidc_endpoint_refusing_the_job_token_is_reported()
    {
        var id = fixture.AzureDevOps.AddConnection("aws-prod");
        var agent = fixture.Oidc(fixture.NewAgent(), id, Role);
        agent.SystemToken = "stale-token-from-another-job";

        var run = await fixture.RunAsync(agent);

        run.AssertFailedWithNothingExported("refused to issue an OIDC token");
        Assert.Contains(fixture.AzureDevOps.OidcRequests, r => r.ConnectionId == id && r.Status == 401);
    }

    [Fact]
    public async Task Refresh_with_roles_anywhere_needs_allow_private_key_on_disk()
    {
        var agent = RolesAnywhere(fixture.NewAgent())
            .Input("certificate", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----")
            .Input("refresh", "true");

        var run = await fixture.RunAsync(agent);

        run.AssertFailedWithNothingExported("allowPrivateKeyOnDisk");
    }

    [Fact]
    public async Task Post_job_step_after_a_failed_main_step_does_nothing_and_succeeds()
    {
        var agent = fixture.NewAgent().Input("authMethod", "oidc");
        var main = await fixture.RunAsync(agent);
        Assert.Equal("Failed", main.Log.Result);

        var post = TaskRun.From(await fixture.Task.RunPostAsync(agent.Build(main.Log.TaskVariables)));

        Assert.Equal(0, post.Process.ExitCode);
        Assert.Empty(post.Log.Commands);
        Assert.Empty(Directory.EnumerateFileSystemEntries(agent.TempDirectory));
    }

    private static AgentEnvironment RolesAnywhere(AgentEnvironment agent) => agent
        .Input("authMethod", "rolesAnywhere")
        .Input("roleToAssume", Role)
        .Input("trustAnchorArn", TrustAnchor)
        .Input("profileArn", Profile);
}
