using System.Text.Json;
using AwsTempCredentials.Testing;
using AwsTempCredentials.Testing.AzureDevOps;
using AwsTempCredentials.Testing.Iam;
using AwsTempCredentials.Testing.Oidc;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.AzureDevOps;

/// <summary>
/// Shared by the tests of one class: the installed task (launcher + product binary), the fake Azure DevOps (OIDC
/// token and secure-file endpoints) and the fake AWS (STS + Roles Anywhere) with the roles the tests assume:
/// <c>ra-deploy</c> (Roles Anywhere, trust anchor on the test root CA), <c>oidc-deploy</c> (trusts the organization's
/// token issuer for <c>sc://contoso/Payments/*</c>), <c>oidc-entra-deploy</c> (trusts the organization's Microsoft Entra
/// issuer for its connections' subjects), <c>ak-deploy</c> (trusts the IAM user of the access-key
/// connection). Each test gets its own agent (temp directory).
/// </summary>
public sealed class AzureDevOpsTaskFixture : IAsyncLifetime
{
    public TaskInstallation Task { get; } = TaskInstallation.Create();

    public FakeAzureDevOps AzureDevOps { get; private set; } = null!;

    public FakeAws Aws { get; private set; } = null!;

    public JwtIssuer TokenIssuer { get; private set; } = null!;

    public JwtIssuer EntraTokenIssuer { get; private set; } = null!;

    public string RolesAnywhereRole { get; private set; } = null!;

    public string OidcRole { get; private set; } = null!;

    public string EntraOidcRole { get; private set; } = null!;

    public string AccessKeyRole { get; private set; } = null!;

    public IamUser User { get; private set; } = null!;

    public string TrustAnchorArn { get; private set; } = null!;

    public string ProfileArn { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Aws = await FakeAws.StartAsync();
        var organizationId = Guid.NewGuid().ToString();
        TokenIssuer = new JwtIssuer(FakeAzureDevOps.IssuerFor(organizationId));
        AzureDevOps = new FakeAzureDevOps(
            (issuer, subject, audience) => (issuer == EntraTokenIssuer.Issuer ? EntraTokenIssuer : TokenIssuer).Mint(subject, audience), organizationId);
        EntraTokenIssuer = new JwtIssuer(AzureDevOps.EntraIssuer);
        Aws.AddOidcProvider(TokenIssuer, FakeAzureDevOps.Audience);
        Aws.AddOidcProvider(EntraTokenIssuer, FakeAzureDevOps.Audience);

        RolesAnywhereRole = Aws.AddRole("ra-deploy").Arn;
        OidcRole = Aws.AddRole("oidc-deploy", webIdentity: new WebIdentityTrust(TokenIssuer.Issuer, [FakeAzureDevOps.Audience], $"sc://{AzureDevOps.Organization}/{AzureDevOps.ProjectName}/*")).Arn;
        EntraOidcRole = Aws.AddRole("oidc-entra-deploy", webIdentity: new WebIdentityTrust(EntraTokenIssuer.Issuer, [FakeAzureDevOps.Audience], $"/eid1/c/pub/t/*/sc/{organizationId}/*")).Arn;
        User = Aws.AddIamUser("azure-pipelines");
        AccessKeyRole = Aws.AddRole("ak-deploy", trustedPrincipals: [User.Arn]).Arn;
        TrustAnchorArn = Aws.AddTrustAnchor(Testing.Pki.TestPki.Shared.Root).Arn;
        ProfileArn = Aws.AddProfile([RolesAnywhereRole]).Arn;
    }

    public async ValueTask DisposeAsync()
    {
        if (AzureDevOps is not null)
        {
            await AzureDevOps.DisposeAsync();
        }

        if (Aws is not null)
        {
            await Aws.DisposeAsync();
        }

        Task.Dispose();
    }

    /// <summary>A fresh agent (own temp directory) whose pipeline variables point the AWS endpoints at the fakes.</summary>
    public AgentEnvironment NewAgent()
    {
        var temp = Directory.CreateTempSubdirectory("ado-agent-temp-").FullName;
        return new AgentEnvironment(AzureDevOps, temp)
            .Variable("AWS_ENDPOINT_URL_STS", Aws.StsUrl.ToString())
            .Variable("AWS_ENDPOINT_URL_ROLESANYWHERE", Aws.RolesAnywhereUrl.ToString());
    }

    /// <summary>The task set for OIDC through service connection <paramref name="connectionId"/> (scheme None: no secret), for <paramref name="role"/> (oidc-deploy unless given) in eu-west-1.</summary>
    public AgentEnvironment Oidc(AgentEnvironment agent, string connectionId, string? role = null) => agent
        .Input("authMethod", "oidc")
        .ServiceConnection("awsServiceConnection", connectionId, "None", data: new Dictionary<string, string> { ["roleArn"] = role ?? OidcRole, ["region"] = "eu-west-1" });

    /// <summary>The task set for the IAM user's access keys through a username/password service connection, assuming ak-deploy (unless not <paramref name="assumeRole"/>) in eu-central-1.</summary>
    public AgentEnvironment AccessKeys(AgentEnvironment agent, bool assumeRole = true)
    {
        var data = new Dictionary<string, string> { ["region"] = "eu-central-1" };
        if (assumeRole)
        {
            data["roleArn"] = AccessKeyRole;
        }

        return agent.Input("authMethod", "accessKeys").ServiceConnection("awsServiceConnection", Guid.NewGuid().ToString(), "UsernamePassword", new Dictionary<string, string>
        {
            ["username"] = User.AccessKeyId,
            ["password"] = User.SecretAccessKey,
        }, data);
    }

    public async Task<TaskRun> RunAsync(AgentEnvironment agent)
    {
        Requires.Node();
        return TaskRun.From(await Task.RunMainAsync(agent.Build()));
    }

    public async Task<TaskRun> RunPostAsync(AgentEnvironment agent, TaskRun main)
    {
        Requires.Node();
        return TaskRun.From(await Task.RunPostAsync(agent.Build(main.Log.TaskVariables)));
    }

    /// <summary>
    /// A later script step: <c>aws sts get-caller-identity</c> (the Debian CLI ignores AWS_ENDPOINT_URL_*, so
    /// --endpoint-url) with only the environment given. Returns the ARN it reports.
    /// </summary>
    public async Task<string> CallerArnAsync(IReadOnlyDictionary<string, string> environment, params string[] extraArguments)
    {
        var result = await ProcessRunner.RunAsync(
            Requires.AwsCli(), ["sts", "get-caller-identity", "--endpoint-url", Aws.StsUrl.ToString(), "--output", "json", .. extraArguments], environment, timeout: TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, $"aws sts get-caller-identity failed in the later step:\n{result}");
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.GetProperty("Arn").GetString()!;
    }
}
