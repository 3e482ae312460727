using AwsTempCredentials.Testing.AzureDevOps;
using AwsTempCredentials.Testing.Hosting;
using AwsTempCredentials.Tests.Hosting;
using static AwsTempCredentials.Tests.AzureDevOps.TaskFailureAssert;

namespace AwsTempCredentials.Tests.AzureDevOps;

/// <summary>
/// The OIDC token endpoint, the secure-file download and STS answered by a hostile loopback server: a clear error with
/// a documented exit code, the job's access token and the OIDC token never sent to another host nor printed, nothing
/// exported.
/// </summary>
public sealed class HostileServerTests(AzureDevOpsTaskFixture fixture) : IClassFixture<AzureDevOpsTaskFixture>
{
    private const string TrustAnchor = "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0f2a6e0c-1b3d-4f5e-9a8b-7c6d5e4f3a2b";
    private const string Profile = "arn:aws:rolesanywhere:eu-west-1:111122223333:profile/4b3c2d1e-0f9a-4b8c-8d7e-6f5a4b3c2d1e";

    [Theory]
    [MemberData(nameof(HostileCases.Every), MemberType = typeof(HostileCases))]
    public async Task Hostile_oidc_token_endpoint(HostileAnswer answer)
    {
        var (exitCode, cause) = HostileCases.Expected(answer);
        await using var hostile = await HostileEndpoint.StartAsync(answer);
        var agent = Oidc().Input("actionTimeoutS", HostileEndpoint.DeadlineSeconds(answer))
            .Variable("SYSTEM_OIDCREQUESTURI", hostile.Url($"contoso/{fixture.AzureDevOps.ProjectId}/_apis/distributedtask/hubs/build/plans/1/jobs/2/oidctoken"));

        var run = await fixture.RunAsync(agent);

        var error = Failed($"oidc {answer}", run, agent, exitCode, Secrets(fixture), cause);
        if (exitCode == 8)
        {
            Assert.Contains("Azure DevOps", error, StringComparison.Ordinal);
        }

        HostileCases.AssertContained(hostile, run.Process.Elapsed);
    }

    [Theory]
    [MemberData(nameof(HostileCases.Download), MemberType = typeof(HostileCases))]
    public async Task Hostile_secure_file_download(HostileAnswer answer)
    {
        var (exitCode, cause) = HostileCases.Expected(answer);
        await using var hostile = await HostileEndpoint.StartAsync(answer);
        var certificateId = Guid.NewGuid().ToString();
        var agent = fixture.NewAgent()
            .Input("authMethod", "rolesAnywhere").Input("roleToAssume", fixture.RolesAnywhereRole)
            .Input("trustAnchorArn", TrustAnchor).Input("profileArn", Profile).Input("actionTimeoutS", HostileEndpoint.DeadlineSeconds(answer))
            .SecureFile("certificateSecureFile", certificateId, "client.pem", "ticket-" + Guid.NewGuid().ToString("N"))
            .Input("privateKey", "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----")
            .Variable("SYSTEM_COLLECTIONURI", hostile.Url("contoso/"));

        var run = await fixture.RunAsync(agent);

        Failed($"secure file {answer}", run, agent, exitCode, Secrets(fixture), cause);
        HostileCases.AssertContained(hostile, run.Process.Elapsed);
    }

    [Theory]
    [MemberData(nameof(HostileCases.StsRedirects), MemberType = typeof(HostileCases))]
    public async Task Sts_redirect_is_not_followed_with_the_oidc_token(HostileAnswer answer)
    {
        await using var hostile = await HostileEndpoint.StartAsync(answer);
        var agent = Oidc().Input("retryMaxAttempts", "1").Variable("AWS_ENDPOINT_URL_STS", hostile.BaseAddress.ToString());

        var run = await fixture.RunAsync(agent);

        Failed($"sts {answer}", run, agent, HostileCases.StsRedirectExitCode, Secrets(fixture), HostileCases.StsRedirectWords);
        HostileCases.AssertContained(hostile, run.Process.Elapsed);
    }

    private AgentEnvironment Oidc() => fixture.Oidc(fixture.NewAgent(), fixture.AzureDevOps.AddConnection("aws-hostile"));
}
