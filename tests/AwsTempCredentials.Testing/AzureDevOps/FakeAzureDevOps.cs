using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AwsTempCredentials.Testing.AzureDevOps;

/// <summary>
/// A loopback stand-in for the two Azure DevOps endpoints the task calls, under a collection URL
/// <c>http://127.0.0.1:port/{org}/</c>:
/// <list type="bullet">
/// <item>the OIDC token endpoint, <c>POST {project}/_apis/distributedtask/hubs/{hub}/plans/{plan}/jobs/{job}/oidctoken?serviceConnectionId=…</c>
/// (what <c>SYSTEM_OIDCREQUESTURI</c> points at, api-version 7.1, and the fallback built from the variables, 7.1-preview.1):
/// Bearer system token or 401; a registered connection or 404 with the service's JSON error; a JWT with
/// <c>iss https://vstoken.dev.azure.com/{orgId}</c>, <c>sub sc://{org}/{project}/{connection}</c>, <c>aud api://AzureADTokenExchange</c>,
/// or for a connection moved to the Microsoft Entra issuer <c>iss https://login.microsoftonline.com/{tenantId}/v2.0</c>,
/// <c>sub /eid1/c/pub/t/{tenant}/a/{app}/sc/{orgId}/{connectionId}</c>;</item>
/// <item>the secure-file download, <c>GET {project}/_apis/distributedtask/securefiles/{id}?ticket=…&amp;download=false</c>:
/// Basic auth with an empty user and the system token or 401; a wrong or expired ticket answers HTTP 200 with a JSON
/// error body (TF15004, DownloadTicketValidationException), as the real service does.</item>
/// </list>
/// </summary>
public sealed class FakeAzureDevOps : IAsyncDisposable
{
    public const string Audience = "api://AzureADTokenExchange";

    private readonly WebApplication _app;
    private readonly Func<string, string, string, string> _mint;
    private readonly ConcurrentDictionary<string, (string Name, bool Entra)> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SecureFile> _files = new(StringComparer.Ordinal);

    /// <param name="mint">Makes a signed JWT for (issuer, subject, audience); the JwtIssuer the fake STS trusts.</param>
    /// <param name="organizationId">The organization's GUID, which names the token issuer (random when not given).</param>
    public FakeAzureDevOps(Func<string, string, string, string> mint, string? organizationId = null, string organization = "contoso", string project = "Payments")
    {
        _mint = mint;
        OrganizationId = organizationId ?? Guid.NewGuid().ToString();
        Organization = organization;
        ProjectName = project;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost($"/{organization}/{{project}}/_apis/distributedtask/hubs/{{hub}}/plans/{{plan}}/jobs/{{job}}/oidctoken", HandleOidcAsync);
        _app.MapGet($"/{organization}/{{project}}/_apis/distributedtask/securefiles/{{id}}", HandleSecureFileAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        CollectionUri = new Uri(new Uri(_app.Urls.First()), $"/{organization}/");
    }

    public string Organization { get; }

    public string OrganizationId { get; }

    public string ProjectName { get; }

    public string ProjectId { get; } = Guid.NewGuid().ToString();

    public string PlanId { get; } = Guid.NewGuid().ToString();

    public string JobId { get; } = Guid.NewGuid().ToString();

    /// <summary>SYSTEM_COLLECTIONURI (ends with '/').</summary>
    public Uri CollectionUri { get; }

    /// <summary>The job's access token (System.AccessToken), as the agent passes it for SYSTEMVSSCONNECTION.</summary>
    public string SystemToken { get; } = "eyJ0eXAiOiJKV1Qi.system-token." + Convert.ToHexString(Guid.NewGuid().ToByteArray());

    /// <summary>The Microsoft Entra tenant of the organization: its id names the Entra issuer.</summary>
    public string TenantId { get; } = Guid.NewGuid().ToString();

    public string Issuer => IssuerFor(OrganizationId);

    public string EntraIssuer => EntraIssuerFor(TenantId);

    public static string IssuerFor(string organizationId) => $"https://vstoken.dev.azure.com/{organizationId}";

    public static string EntraIssuerFor(string tenantId) => $"https://login.microsoftonline.com/{tenantId}/v2.0";

    /// <summary>SYSTEM_OIDCREQUESTURI as the agent sets it (no query).</summary>
    public string OidcRequestUri => new Uri(CollectionUri, $"{ProjectId}/_apis/distributedtask/hubs/build/plans/{PlanId}/jobs/{JobId}/oidctoken").ToString();

    /// <summary>Every OIDC request: connection id, api-version and the status answered.</summary>
    public ConcurrentQueue<(string? ConnectionId, string? ApiVersion, int Status)> OidcRequests { get; } = new();

    public ConcurrentQueue<string> IssuedTokens { get; } = new();

    public ConcurrentQueue<(string Id, int Status, bool ErrorBody)> SecureFileRequests { get; } = new();

    public string SubjectFor(string connectionName) => $"sc://{Organization}/{ProjectName}/{connectionName}";

    /// <summary>The subject of a connection's token with the Entra issuer (tenant and application ids are opaque to AWS).</summary>
    public string EntraSubjectFor(string connectionId) => $"/eid1/c/pub/t/v4j5cvGGr0GRqy180BHbRw/a/AbCdEf12345/sc/{OrganizationId}/{connectionId}";

    /// <summary>A service connection the OIDC endpoint issues tokens for, with the Entra issuer when <paramref name="entraIssuer"/>.</summary>
    public string AddConnection(string name, bool entraIssuer = false)
    {
        var id = Guid.NewGuid().ToString();
        _connections[id] = (name, entraIssuer);
        return id;
    }

    /// <summary>A secure file and the download ticket the agent would pass for it; expired tickets are refused the real way.</summary>
    public (string Id, string Ticket) AddSecureFile(string name, byte[] content, bool ticketExpired = false)
    {
        var id = Guid.NewGuid().ToString();
        var ticket = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + "/+=";
        _files[id] = new SecureFile(name, content, ticket, ticketExpired);
        return (id, ticket);
    }

    private async Task HandleOidcAsync(HttpContext context, string project)
    {
        var connectionId = context.Request.Query["serviceConnectionId"].FirstOrDefault();
        var apiVersion = context.Request.Query["api-version"].FirstOrDefault();
        int status;
        string body;
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {SystemToken}")
        {
            (status, body) = (401, string.Empty);
        }
        else if (project != ProjectId || apiVersion is not ("7.1" or "7.1-preview.1") || context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            (status, body) = (400, ErrorBody("VS403000: The request is not valid.", "InvalidRequestException"));
        }
        else if (connectionId is null || !_connections.TryGetValue(connectionId, out var connection))
        {
            (status, body) = (404, ErrorBody($"Service connection with id '{connectionId}' could not be found.", "ServiceEndpointNotFoundException"));
        }
        else
        {
            var token = connection.Entra
                ? _mint(EntraIssuer, EntraSubjectFor(connectionId), Audience)
                : _mint(Issuer, SubjectFor(connection.Name), Audience);
            IssuedTokens.Enqueue(token);
            (status, body) = (200, JsonSerializer.Serialize(new Dictionary<string, string> { ["oidcToken"] = token }));
        }

        OidcRequests.Enqueue((connectionId, apiVersion, status));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body);
    }

    private async Task HandleSecureFileAsync(HttpContext context, string project, string id)
    {
        var expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + SystemToken));
        var ticket = context.Request.Query["ticket"].FirstOrDefault();
        if (context.Request.Headers.Authorization.ToString() != expectedAuth)
        {
            SecureFileRequests.Enqueue((id, 401, false));
            context.Response.StatusCode = 401;
            return;
        }

        if (project != ProjectId || !_files.TryGetValue(id, out var file))
        {
            SecureFileRequests.Enqueue((id, 404, true));
            context.Response.StatusCode = 404;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(ErrorBody($"Secure file {id} not found.", "SecureFileNotFoundException"));
            return;
        }

        if (file.Expired || ticket != file.Ticket || context.Request.Query["download"] != "false")
        {
            // The real service answers 200 with the error as the body: a client that does not look saves it as the file.
            SecureFileRequests.Enqueue((id, 200, true));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(ErrorBody(
                "TF15004: The download request signature has expired.",
                "DownloadTicketValidationException",
                "Microsoft.TeamFoundation.DistributedTask.WebApi.DownloadTicketValidationException, Microsoft.TeamFoundation.DistributedTask.WebApi"));
            return;
        }

        SecureFileRequests.Enqueue((id, 200, false));
        context.Response.ContentType = "application/octet-stream";
        await context.Response.Body.WriteAsync(file.Content);
    }

    private static string ErrorBody(string message, string typeKey, string? typeName = null) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["$id"] = "1",
        ["innerException"] = null,
        ["message"] = message,
        ["typeName"] = typeName ?? $"Microsoft.TeamFoundation.DistributedTask.WebApi.{typeKey}, Microsoft.TeamFoundation.DistributedTask.WebApi",
        ["typeKey"] = typeKey,
        ["errorCode"] = 0,
        ["eventId"] = 3000,
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record SecureFile(string Name, byte[] Content, string Ticket, bool Expired);
}
