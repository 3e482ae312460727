using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AwsTempCredentials.AzureDevOps.Inputs;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;
using AwsTempCredentials.Http;

namespace AwsTempCredentials.AzureDevOps.Clients;

/// <summary>
/// Requests the OIDC token Azure DevOps issues for a service connection:
/// <c>POST {SYSTEM_OIDCREQUESTURI}?api-version=7.1&amp;serviceConnectionId={id}</c> with the job's access token, or
/// the plans/jobs URL on agents that do not set <c>SYSTEM_OIDCREQUESTURI</c>. The answer is <c>{"oidcToken":"…"}</c>.
/// </summary>
internal sealed class OidcTokenClient(HttpClient http, AgentVariables agent)
{
    public async Task<string> GetTokenAsync(string connectionId, RetryPolicy retry, CancellationToken cancellationToken)
    {
        var token = agent.SystemToken ?? throw new PlatformException(
            "No OIDC token is available: the job has no access token (System.AccessToken) to request one with.",
            "In a YAML pipeline the token is there unless the job or a template removed it; in a classic pipeline enable 'Allow scripts to access the OAuth token'. " +
            $"Also check that the pipeline is authorized to use service connection '{connectionId}'.");
        var uri = RequestUri(connectionId);
        var response = await new RetryingSender(http, retry).SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent("{}"u8.ToArray()) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                return request;
            },
            $"Requesting the Azure DevOps OIDC token from {uri.GetLeftPart(UriPartial.Path)}",
            "Check the agent can reach Azure DevOps.",
            cancellationToken);

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK && ReadToken(body) is { } oidcToken)
            {
                return oidcToken;
            }

            throw Failure(connectionId, response.StatusCode, ServiceError.TryRead(body), body);
        }
    }

    private Uri RequestUri(string connectionId)
    {
        var id = Uri.EscapeDataString(connectionId);
        if (agent.OidcRequestUri is { } requestUri && Uri.TryCreate(requestUri, UriKind.Absolute, out var direct))
        {
            var separator = direct.Query.Length > 1 ? "&" : "?";
            return new Uri($"{direct.GetLeftPart(UriPartial.Path)}{direct.Query}{separator}api-version=7.1&serviceConnectionId={id}");
        }

        if (agent.CollectionUri is { } collection && agent.TeamProjectId is { } project && agent.HostType is { } hostType
            && agent.PlanId is { } plan && agent.JobId is { } job && Uri.TryCreate(collection.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri))
        {
            return new Uri(baseUri, $"{project}/_apis/distributedtask/hubs/{hostType}/plans/{plan}/jobs/{job}/oidctoken?serviceConnectionId={id}&api-version=7.1-preview.1");
        }

        throw new PlatformException(
            "No OIDC token is available: the agent set neither SYSTEM_OIDCREQUESTURI nor the collection, project, plan and job variables to request one.",
            "Run on Azure Pipelines (OIDC for service connections needs agent 3.x or later).");
    }

    private static string? ReadToken(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("oidcToken", out var value)
                && value.ValueKind == JsonValueKind.String
                && value.GetString() is { Length: > 0 } token
                ? token
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static CredentialException Failure(string connectionId, HttpStatusCode status, ServiceError? error, byte[] body)
    {
        var detail = error?.ToString() ?? (status == HttpStatusCode.OK ? "HTTP 200 with " + PlatformAnswer.Describe(body, "an oidcToken") : $"HTTP {(int)status}");
        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new PlatformException(
                $"Azure DevOps refused to issue an OIDC token for service connection '{connectionId}' ({detail}).",
                "The job's access token is not accepted: check that the pipeline is authorized to use the service connection, and that the job's token was not restricted."),
            HttpStatusCode.NotFound or HttpStatusCode.BadRequest => new PlatformException(
                $"Azure DevOps issued no OIDC token for service connection '{connectionId}' ({detail}).",
                "Check that the connection exists in this project, is authorized for this pipeline, and is an AWS connection with no secret (OIDC)."),
            _ when RetryingSender.IsTransient(status) => new ServiceUnavailableException($"The OIDC token request kept failing: {detail}.", "Azure DevOps did not answer properly; re-run the job."),
            HttpStatusCode.OK => new PlatformException(
                $"Azure DevOps answered the OIDC token request for service connection '{connectionId}' with no token: {detail}.",
                "Check that no proxy answers for Azure DevOps (HTTPS_PROXY/NO_PROXY, the agent's proxy settings), and re-run the job."),
            _ => new PlatformException($"The OIDC token request for service connection '{connectionId}' failed: {detail}."),
        };
    }
}
