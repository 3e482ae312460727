using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using AwsTempCredentials.Testing;
using AwsTempCredentials.Testing.Iam;
using AwsTempCredentials.Testing.Oidc;

namespace AwsTempCredentials.Tests.Fakes;

public sealed class FakeStsWebIdentityTests : IAsyncLifetime
{
    private const string Subject = "repo:octo-org/octo-repo:ref:refs/heads/main";
    private readonly JwtIssuer _issuer = new("https://token.actions.githubusercontent.com");
    private FakeAws _aws = null!;
    private FakeRole _role = null!;

    public async ValueTask InitializeAsync()
    {
        _aws = await FakeAws.StartAsync();
        _aws.AddOidcProvider(_issuer, "sts.amazonaws.com", "other-client");
        _role = _aws.AddRole("GitHubDeploy", webIdentity: new WebIdentityTrust(_issuer.Issuer, ["sts.amazonaws.com"], "repo:octo-org/octo-repo:*"));
    }

    public async ValueTask DisposeAsync() => await _aws.DisposeAsync();

    private Task<AssumeRoleWithWebIdentityResponse> AssumeAsync(string token, int? duration = null)
    {
        using var sts = StsClients.For(_aws, new AnonymousAWSCredentials());
        return sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = _role.Arn,
            RoleSessionName = "gha-1",
            WebIdentityToken = token,
            DurationSeconds = duration,
        });
    }

    [Fact]
    public async Task A_good_token_is_exchanged_for_credentials()
    {
        var response = await AssumeAsync(_issuer.Mint(Subject, "sts.amazonaws.com"));
        Assert.Equal(Subject, response.SubjectFromWebIdentityToken);
        Assert.Equal("sts.amazonaws.com", response.Audience);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/GitHubDeploy/gha-1", response.AssumedRoleUser.Arn);
        Assert.Matches("^ASIA[A-Z0-9]{16}$", response.Credentials.AccessKeyId);
        var record = Assert.Single(_aws.AssumeRoleRequests);
        Assert.Equal("AssumeRoleWithWebIdentity", record.Action);
        Assert.True(record.Succeeded);
    }

    [Fact]
    public async Task A_wrong_audience_is_InvalidIdentityToken()
    {
        var e = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => AssumeAsync(_issuer.Mint(Subject, "api://AzureADTokenExchange")));
        Assert.Equal("InvalidIdentityToken", e.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
    }

    [Fact]
    public async Task An_audience_the_provider_knows_but_the_role_does_not_trust_is_AccessDenied()
    {
        var e = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => AssumeAsync(_issuer.Mint(Subject, "other-client")));
        Assert.Equal("AccessDenied", e.ErrorCode);
    }

    [Fact]
    public async Task An_expired_token_is_ExpiredTokenException()
    {
        var e = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => AssumeAsync(_issuer.MintExpired(Subject, "sts.amazonaws.com")));
        Assert.Equal("ExpiredTokenException", e.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
    }

    [Fact]
    public async Task A_bad_signature_or_unknown_issuer_is_InvalidIdentityToken()
    {
        var badSignature = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => AssumeAsync(_issuer.MintBadlySigned(Subject, "sts.amazonaws.com")));
        Assert.Equal("InvalidIdentityToken", badSignature.ErrorCode);

        var stranger = new JwtIssuer("https://vstoken.dev.azure.com/00000000-0000-0000-0000-000000000000");
        var unknown = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => AssumeAsync(stranger.Mint(Subject, "sts.amazonaws.com")));
        Assert.Equal("InvalidIdentityToken", unknown.ErrorCode);

        var notJwt = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => AssumeAsync("not-a-jwt"));
        Assert.Equal("InvalidIdentityToken", notJwt.ErrorCode);
    }

    [Fact]
    public async Task A_subject_outside_the_trust_pattern_is_AccessDenied()
    {
        var e = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => AssumeAsync(_issuer.Mint("repo:evil/repo:ref:refs/heads/main", "sts.amazonaws.com")));
        Assert.Equal("AccessDenied", e.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, e.StatusCode);
    }

    [Fact]
    public async Task Not_yet_valid_tokens_and_durations_over_the_role_max_are_refused()
    {
        var future = _issuer.Mint(new JwtSpec(Subject, "sts.amazonaws.com") { NotBefore = DateTimeOffset.UtcNow.AddMinutes(10) });
        Assert.Equal("InvalidIdentityToken", (await Assert.ThrowsAnyAsync<AmazonServiceException>(() => AssumeAsync(future))).ErrorCode);

        var tooLong = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => AssumeAsync(_issuer.Mint(Subject, "sts.amazonaws.com"), 7200));
        Assert.Equal("ValidationError", tooLong.ErrorCode);
        Assert.Equal("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", tooLong.Message);
    }

    [Fact]
    public void Minted_tokens_carry_the_claims_asked_for()
    {
        var token = _issuer.Mint(new JwtSpec(Subject, ["a", "b"]) { ExtraClaims = new Dictionary<string, object?> { ["repository"] = "octo-org/octo-repo" } });
        Assert.True(JwtToken.TryParse(token, out var jwt));
        Assert.Equal(_issuer.Issuer, jwt!.Issuer);
        Assert.Equal(["a", "b"], jwt.Audiences);
        Assert.Equal("octo-org/octo-repo", jwt.Payload.GetProperty("repository").GetString());
        Assert.Equal(_issuer.KeyId, jwt.KeyId);
        Assert.True(_issuer.VerifySignature(jwt.SigningInput, jwt.Signature));
        Assert.Contains(_issuer.KeyId, _issuer.JwksJson(), StringComparison.Ordinal);
    }
}
