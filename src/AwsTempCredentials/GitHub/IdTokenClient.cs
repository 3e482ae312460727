using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;
using AwsTempCredentials.Http;
using AwsTempCredentials.Reporting;

namespace AwsTempCredentials.GitHub;

/// <summary>
/// The job's OIDC token, as the Actions toolkit's <c>getIDToken</c> fetches it: <c>GET {ACTIONS_ID_TOKEN_REQUEST_URL}&amp;audience={aud}</c>
/// with <c>Authorization: Bearer {ACTIONS_ID_TOKEN_REQUEST_TOKEN}</c>, answer <c>{"value":"&lt;jwt&gt;"}</c>; 502, 503 and
/// 504 are retried, as the toolkit's HTTP client retries them. A redirect is an error (the bearer token goes nowhere else)
/// and at most 1 MiB of an answer is read.
/// </summary>
internal sealed class IdTokenClient(Func<string, string?> environment, IReporter reporter)
{
    public const string UrlVariable = "ACTIONS_ID_TOKEN_REQUEST_URL";
    public const string TokenVariable = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    public async Task<string> GetTokenAsync(string audience, RetryPolicy retry, CancellationToken cancellationToken)
    {
        var url = environment(UrlVariable);
        var bearer = environment(TokenVariable);
        if (string.IsNullOrEmpty(url) || string.IsNullOrEmpty(bearer))
        {
            throw new PlatformException(
                $"The job cannot get a GitHub OIDC token: {UrlVariable} and {TokenVariable} are not set.",
                "Add `permissions: id-token: write` to the job (or the workflow) so GitHub issues OIDC tokens. On a pull request from a fork GitHub never does; " +
                "if you meant to use credentials already on the runner (an instance role), set force-skip-oidc: true.");
        }

        reporter.RegisterSecret(bearer);
        if (!Uri.TryCreate($"{url}&audience={Uri.EscapeDataString(audience)}", UriKind.Absolute, out var requestUri))
        {
            throw new PlatformException($"{UrlVariable} is not a URL.", "The runner sets it; do not override it in the workflow's env.");
        }

        using var http = PlatformHttpClient.Create(HttpSettings.FromEnvironment(environment), "The GitHub ID-token endpoint");
        var sender = new RetryingSender(http, retry);
        var response = await sender.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, requestUri);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                request.Headers.UserAgent.Add(new ProductInfoHeaderValue("aws-temp-credentials", "1"));
                return request;
            },
            "The GitHub ID-token request",
            "GitHub may be having trouble; re-run the job.",
            cancellationToken,
            IsTransient);

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                throw IsTransient(response.StatusCode)
                    ? new ServiceUnavailableException($"The GitHub ID-token endpoint kept failing (HTTP {status}) after {retry.Settings.MaxAttempts} attempts.", "GitHub may be having trouble; re-run the job.")
                    : new PlatformException(
                        $"The GitHub ID-token endpoint refused the request: HTTP {status}.",
                        "Check the job has `permissions: id-token: write` and that the workflow does not override ACTIONS_ID_TOKEN_REQUEST_URL or ACTIONS_ID_TOKEN_REQUEST_TOKEN.");
            }

            return ReadValue(body);
        }
    }

    private static string ReadValue(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("value", out var value)
                && value.ValueKind == JsonValueKind.String
                && value.GetString() is { Length: > 0 } token)
            {
                return token;
            }
        }
        catch (JsonException)
        {
        }

        throw new PlatformException(
            $"The GitHub ID-token endpoint answered HTTP 200 with {PlatformAnswer.Describe(body, "the token (JSON {\"value\": \"<jwt>\"})")}.",
            "Check that no proxy answers for the runner's Actions service (HTTPS_PROXY/NO_PROXY), and re-run the job: GitHub may be having trouble.");
    }
}
