using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;
using AwsTempCredentials.Http;

namespace AwsTempCredentials.AzureDevOps.Clients;

/// <summary>
/// Downloads a secure file into memory (never to disk) with the ticket the agent passed:
/// <c>GET {collection}{project}/_apis/distributedtask/securefiles/{id}?ticket=…&amp;download=false</c>, Basic auth with
/// the job's access token. An invalid or expired ticket answers HTTP 200 with a JSON error instead of the file.
/// </summary>
internal sealed class SecureFileClient(RetryingSender sender, Uri collectionUri, string projectId, string systemToken)
{
    public async Task<byte[]> DownloadAsync(string id, string name, string ticket, CancellationToken cancellationToken)
    {
        var uri = new Uri(collectionUri, $"{Uri.EscapeDataString(projectId)}/_apis/distributedtask/securefiles/{Uri.EscapeDataString(id)}" +
            $"?ticket={Uri.EscapeDataString(ticket)}&download=false&api-version=7.1-preview.1");
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + systemToken));
        var response = await sender.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/octet-stream"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
                return request;
            },
            $"Downloading secure file '{name}' from {collectionUri}",
            "Check the agent can reach Azure DevOps.",
            cancellationToken);

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var error = ServiceError.TryRead(body);
            if (response.StatusCode == HttpStatusCode.OK && error is null)
            {
                return PlatformAnswer.IsHtml(body) || body.Length == 0
                    ? throw new PlatformException(
                        $"Secure file '{name}' could not be downloaded: Azure DevOps answered HTTP 200 with {PlatformAnswer.Describe(body, "the file")}.",
                        "Check that no proxy answers for Azure DevOps (HTTPS_PROXY/NO_PROXY, the agent's proxy settings), and re-run the job.")
                    : body;
            }

            throw Failure(name, response.StatusCode, error);
        }
    }

    private static CredentialException Failure(string name, HttpStatusCode status, ServiceError? error)
    {
        var detail = error?.ToString() ?? $"HTTP {(int)status}";
        if (error is { } e && (e.TypeKey == "DownloadTicketValidationException" || e.Message.StartsWith("TF15004", StringComparison.Ordinal)))
        {
            return new PlatformException(
                $"Secure file '{name}' could not be downloaded: its download ticket is invalid or has expired ({detail}).",
                "Tickets are issued when the job starts and are short-lived: run this task early in the job, and re-run the job if it was queued or paused for long.");
        }

        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new PlatformException(
                $"Secure file '{name}' could not be downloaded: access denied ({detail}).",
                "Authorize this pipeline to use the secure file (Pipelines → Library → Secure files → the file → Pipeline permissions)."),
            HttpStatusCode.NotFound => new PlatformException(
                $"Secure file '{name}' was not found ({detail}).",
                "Check the secure file's name in the task inputs and that it still exists in Pipelines → Library → Secure files."),
            _ when RetryingSender.IsTransient(status) => new ServiceUnavailableException($"Secure file '{name}' could not be downloaded: {detail}.", "Azure DevOps did not answer properly; re-run the job."),
            _ => new PlatformException($"Secure file '{name}' could not be downloaded: {detail}."),
        };
    }
}
