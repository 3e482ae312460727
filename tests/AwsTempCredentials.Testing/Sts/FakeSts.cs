using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AwsTempCredentials.Testing.Faults;
using AwsTempCredentials.Testing.Hosting;
using AwsTempCredentials.Testing.Iam;
using Microsoft.AspNetCore.Http;

namespace AwsTempCredentials.Testing.Sts;

/// <summary>
/// A strict loopback AWS STS speaking the Query protocol (Version 2011-06-15): AssumeRole and GetCallerIdentity
/// with full SigV4 verification, AssumeRoleWithWebIdentity with JWT and trust verification. Answers the real XML
/// shapes and errors, records AssumeRole* requests, counts requests per action, and injects queued faults.
/// </summary>
public sealed class FakeSts : IAsyncDisposable
{
    public const string ApiVersion = "2011-06-15";

    private readonly IamDirectory _iam;
    private readonly StsSignatureVerifier _verifier;
    private readonly ConcurrentQueue<AssumeRoleRecord> _assumeRoleRequests = new();
    private LoopbackServer? _server;

    private FakeSts(IamDirectory iam, IReadOnlyCollection<string>? signingRegions)
    {
        _iam = iam;
        _verifier = new StsSignatureVerifier(iam, region => signingRegions is null ? IsRegionName(region) : signingRegions.Contains(region));
    }

    /// <summary>Base URL (ends with "/"): the ServiceURL / --endpoint-url / AWS_ENDPOINT_URL_STS to use.</summary>
    public Uri BaseAddress => _server?.BaseAddress ?? throw new InvalidOperationException("Not started.");

    /// <summary>Faults for the next requests; actions are the Query "Action" names.</summary>
    public FaultPlan Faults { get; } = new();

    public RequestCounters Requests { get; } = new();

    /// <summary>A request-rate quota over every call; over it the fake answers as the real service throttles. Null: no quota.</summary>
    public RateQuota? Quota { get; set; }

    /// <summary>Every AssumeRole and AssumeRoleWithWebIdentity request received, in order, refused ones included.</summary>
    public IReadOnlyCollection<AssumeRoleRecord> AssumeRoleRequests => _assumeRoleRequests;

    /// <param name="signingRegions">Regions accepted in the SigV4 scope; null accepts any well-formed region name.</param>
    public static async Task<FakeSts> StartAsync(IamDirectory iam, X509Certificate2? tlsCertificate = null, IReadOnlyCollection<string>? signingRegions = null)
    {
        ArgumentNullException.ThrowIfNull(iam);
        var sts = new FakeSts(iam, signingRegions);
        sts._server = await LoopbackServer.StartAsync(sts.HandleAsync, tlsCertificate);
        return sts;
    }

    private async Task HandleAsync(HttpContext context, CancellationToken stopping)
    {
        var requestId = Guid.NewGuid().ToString();
        StsRequest request;
        try
        {
            request = await StsRequest.ReadAsync(context, requestId);
        }
        catch (StsError error)
        {
            Requests.Count("(malformed)");
            await WriteErrorAsync(context, error, requestId);
            return;
        }

        var action = request.Action;
        Requests.Count(action);
        if (Quota is { } quota && !quota.TryAcquire())
        {
            await WriteErrorAsync(context, StsError.Throttling(), requestId);
            return;
        }

        switch (Faults.TakeFor(action))
        {
            case FaultKind.Throttle:
                await WriteErrorAsync(context, StsError.Throttling(), requestId);
                return;
            case FaultKind.ServerError:
                await WriteErrorAsync(context, StsError.InternalFailure(), requestId);
                return;
            case FaultKind.ServiceUnavailable:
                await WriteErrorAsync(context, StsError.ServiceUnavailable(), requestId);
                return;
            case FaultKind.Hang:
                await FaultResponder.HangAsync(context, stopping);
                return;
            case FaultKind.ConnectionReset:
                FaultResponder.Reset(context);
                return;
        }

        var record = action is "AssumeRole" or "AssumeRoleWithWebIdentity" ? SessionParameters.Record(request) : null;
        try
        {
            var (xml, issued) = Dispatch(request, ref record);
            if (record is not null)
            {
                _assumeRoleRequests.Enqueue(record with { IssuedAccessKeyId = issued?.AccessKeyId });
            }

            await WriteAsync(context, 200, xml, requestId);
        }
        catch (StsError error)
        {
            if (record is not null)
            {
                _assumeRoleRequests.Enqueue(record with { ErrorCode = error.Code, ErrorMessage = error.Message });
            }

            await WriteErrorAsync(context, error, requestId);
        }
    }

    private (string Xml, StoredCredential? Issued) Dispatch(StsRequest request, ref AssumeRoleRecord? record)
    {
        if (request.Get("Version") != ApiVersion)
        {
            throw new StsError(400, "InvalidAction", $"Could not find operation {request.Action} for version {request.Get("Version") ?? "NO_VERSION_SPECIFIED"}");
        }

        switch (request.Action)
        {
            case "AssumeRoleWithWebIdentity":
                return WebIdentityAction.Handle(request, _iam);
            case "AssumeRole":
                var caller = _verifier.Verify(request);
                record = record! with { CallerArn = caller.Principal.Arn };
                return AssumeRoleAction.Handle(request, caller, _iam);
            case "GetCallerIdentity":
                return (CallerIdentityAction.Handle(request, _verifier.Verify(request)), null);
            default:
                throw new StsError(400, "InvalidAction", $"Could not find operation {request.Action} for version {ApiVersion}");
        }
    }

    private static Task WriteErrorAsync(HttpContext context, StsError error, string requestId) =>
        WriteAsync(context, error.Status, StsXml.Error(error.Type, error.Code, error.Message, requestId), requestId);

    private static async Task WriteAsync(HttpContext context, int status, string xml, string requestId)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var bytes = Encoding.UTF8.GetBytes(xml);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static bool IsRegionName(string region) =>
        System.Text.RegularExpressions.Regex.IsMatch(region, @"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
