using System.Diagnostics;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using AwsTempCredentials.Testing;
using AwsTempCredentials.Testing.Faults;

namespace AwsTempCredentials.Tests.Fakes;

public sealed class FakeFaultTests
{
    [Fact]
    public async Task Throttling_is_recognised_by_the_SDK_as_throttling_and_retried()
    {
        await using var aws = await FakeAws.StartAsync();
        var user = aws.AddIamUser();
        aws.Sts.Faults.Enqueue(FaultKind.Throttle, 1, "GetCallerIdentity");
        using var noRetry = StsClients.For(aws, new BasicAWSCredentials(user.AccessKeyId, user.SecretAccessKey));
        var e = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => noRetry.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal("Throttling", e.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
        Assert.True(new StandardRetryPolicy(new AmazonSecurityTokenServiceConfig()).IsThrottlingError(e));

        aws.Sts.Faults.Enqueue(FaultKind.Throttle, 2);
        using var retrying = StsClients.For(aws, new BasicAWSCredentials(user.AccessKeyId, user.SecretAccessKey), maxErrorRetry: 3);
        await retrying.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal(4, aws.Sts.Requests["GetCallerIdentity"]);
        Assert.Equal(0, aws.Sts.Faults.Pending);
    }

    [Fact]
    public async Task Server_errors_are_5xx_and_resets_drop_the_connection()
    {
        await using var aws = await FakeAws.StartAsync();
        var user = aws.AddIamUser();
        using var sts = StsClients.For(aws, new BasicAWSCredentials(user.AccessKeyId, user.SecretAccessKey));
        aws.Sts.Faults.Enqueue(FaultKind.ServerError).Enqueue(FaultKind.ConnectionReset);
        var e = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, e.StatusCode);
        Assert.Equal(ErrorType.Receiver, e.ErrorType);

        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(aws.StsUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Action"] = "GetCallerIdentity",
            ["Version"] = "2011-06-15",
        })));
    }

    [Fact]
    public async Task A_hang_outlasts_the_client_timeout_and_does_not_block_shutdown()
    {
        var aws = await FakeAws.StartAsync();
        aws.RolesAnywhere.Faults.Enqueue(FaultKind.Hang);
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(500) };
        var pending = http.PostAsync(new Uri(aws.RolesAnywhereUrl, "/sessions"), new StringContent("{}"));
        await Task.Delay(200);
        var watch = Stopwatch.StartNew();
        await aws.DisposeAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"Shutdown took {watch.Elapsed}.");
        await Assert.ThrowsAnyAsync<Exception>(() => pending);
        Assert.Equal(1, aws.RolesAnywhere.Requests["CreateSession"]);
    }

    [Fact]
    public async Task Roles_Anywhere_faults_use_its_error_format()
    {
        await using var aws = await FakeAws.StartAsync();
        aws.RolesAnywhere.Faults.Enqueue(FaultKind.Throttle).Enqueue(FaultKind.ServerError);
        using var http = new HttpClient();
        using var throttled = await http.PostAsync(new Uri(aws.RolesAnywhereUrl, "/sessions"), new StringContent("{}"));
        Assert.Equal(429, (int)throttled.StatusCode);
        Assert.Equal("ThrottlingException", throttled.Headers.GetValues("X-Amzn-ErrorType").Single());
        Assert.Contains("\"message\"", await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var failed = await http.PostAsync(new Uri(aws.RolesAnywhereUrl, "/sessions"), new StringContent("{}"));
        Assert.Equal(500, (int)failed.StatusCode);
        Assert.Equal(2, aws.RolesAnywhere.Requests.Total);
    }
}
