using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.SecurityToken.Model;
using AwsTempCredentials.Testing;
using AwsTempCredentials.Testing.Iam;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.RolesAnywhere;

namespace AwsTempCredentials.Tests.Fakes;

public sealed class FakeRolesAnywhereTests : IAsyncLifetime
{
    private static readonly TestPki Pki = TestPki.Shared;
    private static readonly HttpClient Http = new();
    private FakeAws _aws = null!;
    private FakeRole _role = null!;
    private string _body = null!;

    public async ValueTask InitializeAsync()
    {
        _aws = await FakeAws.StartAsync();
        _role = _aws.AddRole("Workload", maxSessionDurationSeconds: 43200);
        var anchor = _aws.AddTrustAnchor(Pki.Root);
        var profile = _aws.AddProfile([_role.Arn], durationSeconds: 7200);
        _body = ReferenceRolesAnywhereSigner.Body(anchor.Arn, profile.Arn, _role.Arn);
    }

    public async ValueTask DisposeAsync()
    {
        await _aws.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string? ErrorType, JsonElement Json)> SendAsync(TestCertificate identity, ReferenceSigningOptions? options = null, string? body = null)
    {
        using var request = ReferenceRolesAnywhereSigner.CreateSessionRequest(_aws.RolesAnywhereUrl, "us-east-1", identity, body ?? _body, options);
        using var response = await Http.SendAsync(request);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        var type = response.Headers.TryGetValues("X-Amzn-ErrorType", out var values) ? values.Single() : null;
        return (response.StatusCode, type, json);
    }

    [Theory]
    [InlineData(TestKeyType.Rsa2048, false)]
    [InlineData(TestKeyType.Rsa3072, true)]
    [InlineData(TestKeyType.EcP256, false)]
    [InlineData(TestKeyType.EcP256, true)]
    [InlineData(TestKeyType.EcP384, false)]
    [InlineData(TestKeyType.EcP521, true)]
    public async Task Correctly_signed_requests_get_credentials_STS_accepts(TestKeyType keyType, bool viaIntermediate)
    {
        var leaf = Pki.Leaf(keyType, viaIntermediate);
        var (status, errorType, json) = await SendAsync(leaf);
        Assert.True(status == HttpStatusCode.Created, $"{status} {errorType} {json} / {_aws.CreateSessionRequests.Last().ErrorDetail}");

        var set = json.GetProperty("credentialSet")[0];
        var credentials = set.GetProperty("credentials");
        Assert.Equal($"arn:aws:sts::111122223333:assumed-role/Workload/{leaf.SerialNumberHex}", set.GetProperty("assumedRoleUser").GetProperty("arn").GetString());
        Assert.Equal(_role.Arn, set.GetProperty("roleArn").GetString());
        Assert.StartsWith("arn:aws:rolesanywhere:us-east-1:111122223333:subject/", json.GetProperty("subjectArn").GetString(), StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", credentials.GetProperty("expiration").GetString());

        using var sts = StsClients.For(_aws, credentials.GetProperty("accessKeyId").GetString()!,
            credentials.GetProperty("secretAccessKey").GetString()!, credentials.GetProperty("sessionToken").GetString());
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.EndsWith($":assumed-role/Workload/{leaf.SerialNumberHex}", identity.Arn, StringComparison.Ordinal);

        var record = Assert.Single(_aws.CreateSessionRequests);
        Assert.Equal(leaf.SerialNumberDecimal, record.CredentialSerial);
        Assert.Equal(viaIntermediate ? 1 : 0, record.ChainLength);
        Assert.Equal(3600, record.DurationSeconds);
    }

    [Fact]
    public async Task A_leaf_from_an_unregistered_CA_is_Untrusted_signing_certificate()
    {
        var (status, errorType, json) = await SendAsync(Pki.UntrustedLeaf);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("AccessDeniedException", errorType);
        Assert.Equal("Untrusted signing certificate", json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_leaf_under_the_intermediate_without_the_chain_header_is_untrusted()
    {
        var (status, _, json) = await SendAsync(Pki.Leaf(TestKeyType.EcP256, viaIntermediate: true), new ReferenceSigningOptions { IncludeChain = false });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Untrusted signing certificate", json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Expired_and_not_yet_valid_leaves_are_refused()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(Pki.ExpiredLeaf)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(Pki.NotYetValidLeaf)).Status);
    }

    public static TheoryData<string> BrokenRules => ["tampered-body", "wrong-serial", "p1363", "charset", "stale-date", "rsa-alg-for-ec", "mismatched-key"];

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public async Task Each_broken_signing_rule_is_rejected(string rule)
    {
        var leaf = Pki.Leaf(TestKeyType.EcP256);
        var options = rule switch
        {
            "tampered-body" => new ReferenceSigningOptions { BodySentInstead = _body.Replace("3600", "3700", StringComparison.Ordinal) },
            "wrong-serial" => new ReferenceSigningOptions { CredentialOverride = leaf.SerialNumberDecimal + "1" },
            "p1363" => new ReferenceSigningOptions { EcdsaFormat = DSASignatureFormat.IeeeP1363FixedFieldConcatenation },
            "charset" => new ReferenceSigningOptions { ContentType = "application/json; charset=utf-8" },
            "stale-date" => new ReferenceSigningOptions { SignedAt = DateTimeOffset.UtcNow.AddMinutes(-6) },
            "rsa-alg-for-ec" => new ReferenceSigningOptions { AlgorithmOverride = "AWS4-X509-RSA-SHA256" },
            _ => new ReferenceSigningOptions(),
        };
        var identity = rule == "mismatched-key" ? leaf.WithMismatchedKey() : leaf;
        var (status, errorType, _) = await SendAsync(identity, options);
        Assert.True(status is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{rule}: {status}");
        Assert.NotNull(errorType);
        var record = Assert.Single(_aws.CreateSessionRequests);
        Assert.False(record.Succeeded);
        Assert.Empty(_aws.Credentials.Issued);
    }

    [Fact]
    public async Task Profile_role_list_duration_cap_and_resources_are_enforced()
    {
        var leaf = Pki.Leaf(TestKeyType.EcP256);
        var anchor = _aws.CreateSessionRequests.Count == 0 ? JsonDocument.Parse(_body).RootElement.GetProperty("trustAnchorArn").GetString()! : throw new InvalidOperationException();
        var profile = JsonDocument.Parse(_body).RootElement.GetProperty("profileArn").GetString()!;

        var other = _aws.AddRole("NotInProfile");
        var (status, _, json) = await SendAsync(leaf, body: ReferenceRolesAnywhereSigner.Body(anchor, profile, other.Arn));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($"Unable to assume role for arn {other.Arn}", json.GetProperty("message").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(leaf, body: ReferenceRolesAnywhereSigner.Body(anchor, profile, _role.Arn, 7201))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(leaf, body: ReferenceRolesAnywhereSigner.Body(anchor, profile, _role.Arn, 899))).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(leaf, body: ReferenceRolesAnywhereSigner.Body(anchor, profile, _role.Arn, 7200))).Status);

        var missing = anchor[..anchor.LastIndexOf('/')] + "/" + Guid.NewGuid();
        var (notFound, notFoundType, _) = await SendAsync(leaf, body: ReferenceRolesAnywhereSigner.Body(missing, profile, _role.Arn));
        Assert.Equal(HttpStatusCode.NotFound, notFound);
        Assert.Equal("ResourceNotFoundException", notFoundType);

        var otherRegion = anchor.Replace(":us-east-1:", ":eu-west-1:", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(leaf, body: ReferenceRolesAnywhereSigner.Body(otherRegion, profile, _role.Arn))).Status);
    }
}
