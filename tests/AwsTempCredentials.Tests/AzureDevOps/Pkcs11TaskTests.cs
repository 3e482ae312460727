using AwsTempCredentials.Testing.AzureDevOps;
using AwsTempCredentials.Testing.Pkcs11;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Tests.Pkcs11;

namespace AwsTempCredentials.Tests.AzureDevOps;

/// <summary>
/// keySource: pkcs11 on a self-hosted agent: the task signs through a SoftHSM2 token whose key was generated inside
/// it; the PIN comes from a secret variable and is masked; a later step's AWS CLI uses the profile. Failures export nothing.
/// </summary>
public sealed class Pkcs11TaskTests(AzureDevOpsTaskFixture fixture) : IClassFixture<AzureDevOpsTaskFixture>
{
    [Fact]
    public async Task A_key_inside_the_agents_token_gives_a_later_step_working_credentials()
    {
        using var token = await NewTokenAsync();
        var certificate = await token.AddIdentityAsync(TestPki.Shared.Intermediate, "build-agent", "0a0b", "EC:prime256v1");
        await token.WriteCaCertificateAsync(TestPki.Shared.Intermediate.Certificate, "issuing-ca", "ca01");
        var agent = Pkcs11(fixture.NewAgent(), token, token.Pin);

        var run = await fixture.RunAsync(agent);

        run.AssertSucceeded();
        run.AssertSecretsMasked([token.Pin], fixture.AzureDevOps.SystemToken);
        var arn = await fixture.CallerArnAsync(agent.LaterStep(run.Log.LaterStepVariables()));
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/ra-deploy/", arn, StringComparison.Ordinal);
        Assert.EndsWith("/" + Convert.ToHexStringLower(certificate.SerialNumberBytes.Span), arn, StringComparison.Ordinal);
        var session = Assert.Single(fixture.Aws.CreateSessionRequests, r => r.CredentialSerial == SerialNumbers.ToDecimal(certificate.SerialNumberBytes.Span));
        Assert.Equal(1, session.ChainLength);
        TokenKeyInspector.AssertKeysNeverLeave(token);
    }

    [Fact]
    public async Task A_wrong_pin_fails_once_masked_with_nothing_exported()
    {
        using var token = await NewTokenAsync();
        await token.AddIdentityAsync(TestPki.Shared.Root, "build-agent", "01", "rsa:2048");
        const string wrongPin = "0000-9999";
        var agent = Pkcs11(fixture.NewAgent(), token, wrongPin);

        var run = await fixture.RunAsync(agent);

        TaskFailureAssert.Failed("pkcs11 wrong PIN", run, agent, 3, [.. TaskFailureAssert.Secrets(fixture), wrongPin, token.Pin], "refused the PIN", "tried once");
    }

    [Fact]
    public async Task A_missing_object_names_the_keys_on_the_token()
    {
        using var token = await NewTokenAsync();
        await token.AddIdentityAsync(TestPki.Shared.Root, "build-agent", "01", "EC:secp384r1");
        var agent = Pkcs11(fixture.NewAgent(), token, token.Pin).Input("pkcs11Uri", "pkcs11:token=ci;object=release");

        var run = await fixture.RunAsync(agent);

        TaskFailureAssert.Failed("pkcs11 missing object", run, agent, 3, [.. TaskFailureAssert.Secrets(fixture), token.Pin], "No private key matches", "'build-agent'");
    }

    [Fact]
    public async Task Key_source_pkcs11_without_a_uri_names_pkcs11Uri()
    {
        var agent = RolesAnywhere(fixture.NewAgent()).Input("keySource", "pkcs11").SecretInput("pkcs11Pin", "tokenPin", SoftHsmToken.DefaultPin);

        var run = await fixture.RunAsync(agent);

        TaskFailureAssert.Failed("pkcs11 without uri", run, agent, 2, [.. TaskFailureAssert.Secrets(fixture), SoftHsmToken.DefaultPin], "pkcs11Uri", "keySource pkcs11");
    }

    [Fact]
    public async Task Refresh_with_a_token_is_refused_so_the_pin_never_stays_on_disk()
    {
        var agent = RolesAnywhere(fixture.NewAgent())
            .Input("keySource", "pkcs11").Input("pkcs11Uri", "pkcs11:token=ci;object=build-agent")
            .SecretInput("pkcs11Pin", "tokenPin", SoftHsmToken.DefaultPin).Input("refresh", "true").Input("allowPrivateKeyOnDisk", "true");

        var run = await fixture.RunAsync(agent);

        TaskFailureAssert.Failed("pkcs11 with refresh", run, agent, 2, [.. TaskFailureAssert.Secrets(fixture), SoftHsmToken.DefaultPin], "refresh", "keySource pkcs11", "PIN");
    }

    private static async Task<SoftHsmToken> NewTokenAsync()
    {
        Requires.SoftHsm();
        return await SoftHsmToken.CreateAsync();
    }

    private AgentEnvironment Pkcs11(AgentEnvironment agent, SoftHsmToken token, string pin)
    {
        RolesAnywhere(agent)
            .Input("keySource", "pkcs11")
            .Input("pkcs11Uri", "pkcs11:token=ci;object=build-agent")
            .Input("pkcs11Module", SoftHsmToken.ModulePath)
            .SecretInput("pkcs11Pin", "tokenPin", pin);
        foreach (var (name, value) in token.Environment)
        {
            agent.AgentProcessVariable(name, value);
        }

        return agent;
    }

    private AgentEnvironment RolesAnywhere(AgentEnvironment agent) => agent
        .Input("authMethod", "rolesAnywhere")
        .Input("roleToAssume", fixture.RolesAnywhereRole)
        .Input("trustAnchorArn", fixture.TrustAnchorArn)
        .Input("profileArn", fixture.ProfileArn);
}
