using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using AwsTempCredentials.Testing;
using AwsTempCredentials.Testing.Iam;

namespace AwsTempCredentials.Tests.Fakes;

public sealed class FakeStsSigV4Tests : IAsyncLifetime
{
    private FakeAws _aws = null!;
    private IamUser _user = null!;
    private FakeRole _role = null!;

    public async ValueTask InitializeAsync()
    {
        _aws = await FakeAws.StartAsync();
        _user = _aws.AddIamUser("deployer");
        _role = _aws.AddRole("Deploy", trustedPrincipals: [_user.Arn], maxSessionDurationSeconds: 7200);
    }

    public async ValueTask DisposeAsync() => await _aws.DisposeAsync();

    [Fact]
    public async Task GetCallerIdentity_with_the_right_keys_names_the_user()
    {
        using var sts = StsClients.For(_aws, _user.AccessKeyId, _user.SecretAccessKey);
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal(_user.Arn, identity.Arn);
        Assert.Equal("111122223333", identity.Account);
        Assert.Equal(_user.UserId, identity.UserId);
        Assert.Equal(1, _aws.Sts.Requests["GetCallerIdentity"]);
    }

    [Fact]
    public async Task A_wrong_secret_is_SignatureDoesNotMatch()
    {
        using var sts = StsClients.For(_aws, _user.AccessKeyId, AwsIdentifiers.NewSecretAccessKey());
        var e = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal("SignatureDoesNotMatch", e.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, e.StatusCode);
        Assert.Equal(ErrorType.Sender, e.ErrorType);
        Assert.False(string.IsNullOrEmpty(e.RequestId));
    }

    [Fact]
    public async Task An_unknown_key_is_InvalidClientTokenId()
    {
        using var sts = StsClients.For(_aws, AwsIdentifiers.NewUserAccessKeyId(), _user.SecretAccessKey);
        var e = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal("InvalidClientTokenId", e.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, e.StatusCode);
    }

    [Fact]
    public async Task AssumeRole_issues_real_looking_credentials_and_records_every_parameter()
    {
        using var sts = StsClients.For(_aws, _user.AccessKeyId, _user.SecretAccessKey);
        var before = DateTime.UtcNow;
        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = _role.Arn,
            RoleSessionName = "ci-run_42@example.com",
            DurationSeconds = 5400,
            Tags = [new Tag { Key = "Repository", Value = "octo/repo" }, new Tag { Key = "Actor", Value = "octocat" }],
            TransitiveTagKeys = ["Repository"],
            Policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""",
            PolicyArns = [new PolicyDescriptorType { Arn = "arn:aws:iam::aws:policy/ReadOnlyAccess" }],
            SourceIdentity = "octocat",
        });

        var credentials = response.Credentials;
        Assert.Matches("^ASIA[A-Z0-9]{16}$", credentials.AccessKeyId);
        Assert.Equal(40, credentials.SecretAccessKey.Length);
        Assert.True(credentials.SessionToken.Length > 300);
        Assert.InRange(credentials.Expiration!.Value.ToUniversalTime(), before.AddSeconds(5398), DateTime.UtcNow.AddSeconds(5401));
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/Deploy/ci-run_42@example.com", response.AssumedRoleUser.Arn);
        Assert.Equal($"{_role.RoleId}:ci-run_42@example.com", response.AssumedRoleUser.AssumedRoleId);
        Assert.Equal("octocat", response.SourceIdentity);

        var record = Assert.Single(_aws.AssumeRoleRequests);
        Assert.True(record.Succeeded);
        Assert.Equal(_user.Arn, record.CallerArn);
        Assert.Equal(5400, record.DurationSeconds);
        Assert.Equal([new("Repository", "octo/repo"), new("Actor", "octocat")], record.Tags);
        Assert.Equal(["Repository"], record.TransitiveTagKeys);
        Assert.Equal(["arn:aws:iam::aws:policy/ReadOnlyAccess"], record.PolicyArns);
        Assert.Contains("s3:*", record.Policy, StringComparison.Ordinal);
        Assert.Equal("octocat", record.SourceIdentity);
        Assert.Equal(credentials.AccessKeyId, record.IssuedAccessKeyId);

        using var asRole = StsClients.For(_aws, credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
        var identity = await asRole.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal(response.AssumedRoleUser.Arn, identity.Arn);
    }

    [Fact]
    public async Task Role_chaining_over_an_hour_is_refused_with_the_real_message()
    {
        var chained = _aws.AddRole("Chained", trustedPrincipals: [_role.Arn], maxSessionDurationSeconds: 43200);
        using var sts = StsClients.For(_aws, _user.AccessKeyId, _user.SecretAccessKey);
        var first = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = _role.Arn, RoleSessionName = "first" })).Credentials;
        using var asRole = StsClients.For(_aws, first.AccessKeyId, first.SecretAccessKey, first.SessionToken);

        var e = await Assert.ThrowsAnyAsync<AmazonServiceException>(() =>
            asRole.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = chained.Arn, RoleSessionName = "second", DurationSeconds = 3601 }));
        Assert.Equal("ValidationError", e.ErrorCode);
        Assert.Equal("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.", e.Message);

        var ok = await asRole.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = chained.Arn, RoleSessionName = "second", DurationSeconds = 3600 });
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/Chained/second", ok.AssumedRoleUser.Arn);
    }

    [Theory]
    [InlineData(899, null, "ValidationError")]
    [InlineData(7201, null, "ValidationError")]
    [InlineData(3600, "x", "ValidationError")]
    [InlineData(3600, "has space", "ValidationError")]
    public async Task Bad_durations_and_session_names_are_ValidationError(int duration, string? sessionName, string code)
    {
        using var sts = StsClients.For(_aws, _user.AccessKeyId, _user.SecretAccessKey);
        var e = await Assert.ThrowsAnyAsync<AmazonServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = _role.Arn, RoleSessionName = sessionName ?? "good-name", DurationSeconds = duration }));
        Assert.Equal(code, e.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
        Assert.False(Assert.Single(_aws.AssumeRoleRequests).Succeeded);
    }

    [Fact]
    public async Task A_principal_the_role_does_not_trust_is_AccessDenied_and_external_id_is_enforced()
    {
        var stranger = _aws.AddIamUser("stranger");
        using var sts = StsClients.For(_aws, stranger.AccessKeyId, stranger.SecretAccessKey);
        var e = await Assert.ThrowsAnyAsync<AmazonServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = _role.Arn, RoleSessionName = "s1" }));
        Assert.Equal("AccessDenied", e.ErrorCode);
        Assert.Equal($"User: {stranger.Arn} is not authorized to perform: sts:AssumeRole on resource: {_role.Arn}", e.Message);

        var guarded = _aws.AddRole("ThirdParty", trustedPrincipals: ["111122223333"], requiredExternalId: "ext-123");
        await Assert.ThrowsAnyAsync<AmazonServiceException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = guarded.Arn, RoleSessionName = "s1" }));
        await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = guarded.Arn, RoleSessionName = "s1", ExternalId = "ext-123" });
    }

    [Fact]
    public async Task Expired_and_tokenless_temporary_credentials_are_refused()
    {
        using var sts = StsClients.For(_aws, _user.AccessKeyId, _user.SecretAccessKey);
        var issued = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = _role.Arn, RoleSessionName = "s1" })).Credentials;

        using var withoutToken = StsClients.For(_aws, issued.AccessKeyId, issued.SecretAccessKey);
        var missing = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => withoutToken.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal("InvalidClientTokenId", missing.ErrorCode);

        _aws.Credentials.Expire(issued.AccessKeyId);
        using var expired = StsClients.For(_aws, issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken);
        var e = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => expired.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal("ExpiredToken", e.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
    }

    [Fact]
    public async Task Other_partitions_get_their_own_arns()
    {
        var china = _aws.AddAccount("222233334444", "aws-cn");
        var user = _aws.AddIamUser("cn-user", china);
        var role = _aws.AddRole("CnRole", china, [china.Id]);
        using var sts = StsClients.For(_aws, user.AccessKeyId, user.SecretAccessKey);
        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "cn" });
        Assert.Equal("arn:aws-cn:sts::222233334444:assumed-role/CnRole/cn", response.AssumedRoleUser.Arn);

        var denied = await Assert.ThrowsAnyAsync<AmazonServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = _role.Arn, RoleSessionName = "cross" }));
        Assert.Equal("AccessDenied", denied.ErrorCode);
    }
}
