using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using AwsTempCredentials.Testing.Faults;
using AwsTempCredentials.Testing.Hosting;
using AwsTempCredentials.Testing.Iam;
using AwsTempCredentials.Testing.Signing;
using Microsoft.AspNetCore.Http;

namespace AwsTempCredentials.Testing.RolesAnywhere;

/// <summary>
/// A strict loopback IAM Roles Anywhere endpoint for one region: <c>POST /sessions</c> (CreateSession) verified per
/// the IAM Roles Anywhere signing process
/// (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/authentication-sign-process.html). Issued credentials
/// go into the <see cref="IamDirectory"/> credential store, so the STS fake accepts them. Errors carry <c>X-Amzn-ErrorType</c> and a <c>{"message": …}</c> body.
/// </summary>
public sealed class FakeRolesAnywhere : IAsyncDisposable
{
    public const string Action = "CreateSession";

    private readonly X509SignatureVerifier _verifier;
    private readonly CreateSessionAction _action;
    private readonly ConcurrentQueue<CreateSessionRecord> _sessions = new();
    private LoopbackServer? _server;

    private FakeRolesAnywhere(IamDirectory iam, string region)
    {
        Region = region;
        _verifier = new X509SignatureVerifier(region, iam.Clock);
        _action = new CreateSessionAction(Registry, iam, region);
    }

    /// <summary>The region this endpoint serves; scope, trust anchor and profile must all be in it.</summary>
    public string Region { get; }

    public Uri BaseAddress => _server?.BaseAddress ?? throw new InvalidOperationException("Not started.");

    public RolesAnywhereRegistry Registry { get; } = new();

    public FaultPlan Faults { get; } = new();

    public RequestCounters Requests { get; } = new();

    /// <summary>A request-rate quota over every call; over it the fake answers as the real service throttles. Null: no quota.</summary>
    public RateQuota? Quota { get; set; }

    /// <summary>Every CreateSession request received, in order, refused ones included.</summary>
    public IReadOnlyCollection<CreateSessionRecord> Sessions => _sessions;

    public static async Task<FakeRolesAnywhere> StartAsync(IamDirectory iam, string region = "us-east-1", X509Certificate2? tlsCertificate = null)
    {
        ArgumentNullException.ThrowIfNull(iam);
        var fake = new FakeRolesAnywhere(iam, region);
        fake._server = await LoopbackServer.StartAsync(fake.HandleAsync, tlsCertificate);
        return fake;
    }

    private async Task HandleAsync(HttpContext context, CancellationToken stopping)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var rawTarget = SigV4Canonical.RawTarget(context);
        if (rawTarget != "/sessions" || !HttpMethods.IsPost(context.Request.Method))
        {
            Requests.Count("(unknown)");
            await WriteErrorAsync(context, new RolesAnywhereError(404, "UnknownOperationException", $"No operation at {context.Request.Method} {rawTarget}; CreateSession is POST /sessions."));
            return;
        }

        Requests.Count(Action);
        if (Quota is { } quota && !quota.TryAcquire())
        {
            await WriteErrorAsync(context, RolesAnywhereError.Throttling());
            return;
        }

        switch (Faults.TakeFor(Action))
        {
            case FaultKind.Throttle:
                await WriteErrorAsync(context, RolesAnywhereError.Throttling());
                return;
            case FaultKind.ServerError:
                await WriteErrorAsync(context, RolesAnywhereError.Internal());
                return;
            case FaultKind.ServiceUnavailable:
                await WriteErrorAsync(context, RolesAnywhereError.Unavailable());
                return;
            case FaultKind.Hang:
                await FaultResponder.HangAsync(context, stopping);
                return;
            case FaultKind.ConnectionReset:
                FaultResponder.Reset(context);
                return;
        }

        var record = new CreateSessionRecord
        {
            ContentType = context.Request.Headers.ContentType.ToString(),
            Authorization = context.Request.Headers.Authorization.ToString(),
            Body = Encoding.UTF8.GetString(body),
        };
        try
        {
            if (context.Request.Headers.ContentType.ToString() != "application/json")
            {
                throw RolesAnywhereError.Validation($"Content-Type must be exactly application/json, not '{context.Request.Headers.ContentType}'.");
            }

            var signer = _verifier.Verify(context, body);
            record = record with { Algorithm = signer.Algorithm, CredentialSerial = signer.SerialDecimal, ChainLength = signer.Chain.Count };
            var parsed = CreateSessionBody.Parse(body);
            record = record with
            {
                ProfileArn = parsed.ProfileArn,
                RoleArn = parsed.RoleArn,
                TrustAnchorArn = parsed.TrustAnchorArn,
                DurationSeconds = parsed.DurationSeconds,
                RoleSessionName = parsed.RoleSessionName,
            };
            var (response, issued) = _action.Handle(signer, parsed);
            _sessions.Enqueue(record with { IssuedAccessKeyId = issued.AccessKeyId });
            await WriteJsonAsync(context, 201, response);
        }
        catch (RolesAnywhereError error)
        {
            _sessions.Enqueue(record with { ErrorType = error.ErrorType, ErrorMessage = error.Message, ErrorDetail = error.Detail });
            await WriteErrorAsync(context, error);
        }
    }

    private static async Task WriteErrorAsync(HttpContext context, RolesAnywhereError error)
    {
        context.Response.Headers["X-Amzn-ErrorType"] = error.ErrorType;
        await WriteJsonAsync(context, error.Status, new JsonObject { ["message"] = error.Message });
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonObject json)
    {
        var bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
