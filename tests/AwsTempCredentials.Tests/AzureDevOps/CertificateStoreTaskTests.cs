using AwsTempCredentials.Testing.AzureDevOps;
using AwsTempCredentials.Testing.Pki;

namespace AwsTempCredentials.Tests.AzureDevOps;

/// <summary>
/// keySource: certificateStore through the launcher on a self-hosted (Linux) agent whose account's .NET store holds the
/// certificate: the task reads only the store's inputs, a later step's AWS CLI uses the result, and refresh needs no key on disk.
/// </summary>
public sealed class CertificateStoreTaskTests(AzureDevOpsTaskFixture fixture) : IClassFixture<AzureDevOpsTaskFixture>, IDisposable
{
    private readonly DotNetUserStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task The_store_certificate_signs_and_the_file_inputs_are_not_read()
    {
        var leaf = TestPki.Shared.Leaf(TestKeyType.EcP384, viaIntermediate: true);
        _store.AddWithKey(leaf);
        _store.AddIntermediates(leaf.Intermediates);
        var agent = RolesAnywhere(fixture.NewAgent())
            .Input("keySource", "certificateStore")
            .Input("certificateSelector", $"Key=x509Serial,Value={leaf.SerialNumberHex}")
            .Input("certificate", "not a certificate: keySource certificateStore leaves it unread");

        var run = await fixture.RunAsync(agent);

        run.AssertSucceeded();
        var session = fixture.Aws.CreateSessionRequests.Last(r => r.CredentialSerial == leaf.SerialNumberDecimal);
        Assert.Equal(1, session.ChainLength);
        var arn = await fixture.CallerArnAsync(agent.LaterStep(run.Log.LaterStepVariables()));
        Assert.Equal($"arn:aws:sts::111122223333:assumed-role/ra-deploy/{leaf.SerialNumberHex}", arn);
    }

    [Fact]
    public async Task Refresh_signs_through_the_store_again_without_a_key_on_disk()
    {
        var leaf = TestPki.Shared.Leaf(TestKeyType.Rsa2048);
        _store.AddWithKey(leaf);
        var agent = RolesAnywhere(fixture.NewAgent())
            .Input("keySource", "certificateStore")
            .Input("certificateStore", @"CurrentUser\My")
            .Input("certificateSelector", leaf.Certificate.Thumbprint)
            .Input("refresh", "true");

        var run = await fixture.RunAsync(agent);

        run.AssertSucceeded(refresh: true);
        Assert.DoesNotContain(run.Log.Warnings, w => w.Contains("private key", StringComparison.Ordinal));
        var stateDirectory = Path.Combine(agent.TempDirectory, "aws-temp-credentials");
        Assert.False(File.Exists(Path.Combine(stateDirectory, "default.private-key")));
        var sessionsBefore = fixture.Aws.CreateSessionRequests.Count;
        var arn = await fixture.CallerArnAsync(agent.LaterStep(run.Log.LaterStepVariables()));
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/ra-deploy/", arn, StringComparison.Ordinal);
        Assert.True(fixture.Aws.CreateSessionRequests.Count > sessionsBefore, "credential_process did not call Roles Anywhere.");
    }

    [Theory]
    [InlineData("no selector", "certificateSelector: is required with keySource certificateStore")]
    [InlineData("selector with keySource files", "certificateSelector: is set but keySource is files")]
    [InlineData("unknown key source", "keySource: 'vault' is not one of")]
    [InlineData("ambiguous", "matches 2 usable certificates")]
    public async Task Store_input_problems_fail_the_task_and_export_nothing(string situation, string expected)
    {
        _store.AddWithKey(TestPki.Shared.Leaf(TestKeyType.EcP256));
        _store.AddWithKey(TestPki.Shared.Leaf(TestKeyType.Rsa2048));
        var agent = RolesAnywhere(fixture.NewAgent());
        _ = situation switch
        {
            "no selector" => agent.Input("keySource", "certificateStore"),
            "selector with keySource files" => agent.Input("certificateSelector", "Key=x509Subject,Value=CN=a"),
            "unknown key source" => agent.Input("keySource", "vault"),
            _ => agent.Input("keySource", "certificateStore").Input("certificateSelector", "Key=x509Issuer,Value=CN=AwsTempCredentials Test Root CA,O=AwsTempCredentials Tests"),
        };
        var calls = fixture.Aws.CreateSessionRequests.Count;

        var run = await fixture.RunAsync(agent);

        run.AssertFailedWithNothingExported(expected);
        Assert.Equal(calls, fixture.Aws.CreateSessionRequests.Count);
    }

    private AgentEnvironment RolesAnywhere(AgentEnvironment agent) => agent
        .AgentProcessVariable("HOME", _store.Home)
        .Input("authMethod", "rolesAnywhere")
        .Input("roleToAssume", fixture.RolesAnywhereRole)
        .Input("trustAnchorArn", fixture.TrustAnchorArn)
        .Input("profileArn", fixture.ProfileArn);
}
