using AwsTempCredentials.Errors;
using AwsTempCredentials.Http;

namespace AwsTempCredentials.Hosting;

/// <summary>
/// The HttpClient a host uses for its CI platform's endpoints (OIDC token, secure files), which carry the job's
/// bearer tokens: a redirect is never followed but reported as an error naming the service and endpoint (so a token
/// never travels to another host), and a body is read up to <see cref="MaxBodyBytes"/> and no further.
/// </summary>
public static class PlatformHttpClient
{
    public const int MaxBodyBytes = 1 << 20;

    /// <param name="service">Who answers, for the error: "The GitHub ID-token endpoint".</param>
    public static HttpClient Create(HttpSettings settings, string service) =>
        new(new GuardingHandler(HttpClientBuilder.Create(settings), service), disposeHandler: true) { Timeout = settings.AttemptTimeout };

    private sealed class GuardingHandler(HttpClient inner, string service) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var copy = Copy(request);
            var response = await inner.SendAsync(copy, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            try
            {
                var endpoint = request.RequestUri!.GetLeftPart(UriPartial.Path);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400)
                {
                    var target = response.Headers.Location is { IsAbsoluteUri: true } location ? $" to {location.GetLeftPart(UriPartial.Authority)}" : string.Empty;
                    throw new PlatformException(
                        $"{service} at {endpoint} answered with a redirect (HTTP {status}{target}); redirects are never followed, so no token was sent on.",
                        "Something between the agent and the service (a proxy, a wrong URL in the job's variables) redirects the request: check HTTPS_PROXY/NO_PROXY and the endpoint variables.");
                }

                response.Content = await ReadBoundedAsync(response.Content, endpoint, cancellationToken);
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private async Task<HttpContent> ReadBoundedAsync(HttpContent content, string endpoint, CancellationToken cancellationToken)
        {
            if (content.Headers.ContentLength > MaxBodyBytes)
            {
                throw TooLarge(endpoint);
            }

            using var buffer = new MemoryStream();
            await using (var body = await content.ReadAsStreamAsync(cancellationToken))
            {
                var chunk = new byte[16 * 1024];
                int read;
                while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
                {
                    if (buffer.Length + read > MaxBodyBytes)
                    {
                        throw TooLarge(endpoint);
                    }

                    buffer.Write(chunk, 0, read);
                }
            }

            var bounded = new ByteArrayContent(buffer.ToArray());
            foreach (var header in content.Headers)
            {
                bounded.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return bounded;
        }

        private PlatformException TooLarge(string endpoint) => new(
            $"{service} at {endpoint} answered with more than {MaxBodyBytes / 1024 / 1024} MiB; its answer is a small JSON document or file, so it was not read.",
            "Something between the agent and the service (a proxy, a captive portal) answers in its place: check HTTPS_PROXY/NO_PROXY and the endpoint variables.");

        private static HttpRequestMessage Copy(HttpRequestMessage request)
        {
            // The outer client has marked the request as sent; the inner one needs its own message.
            var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, Content = request.Content };
            foreach (var header in request.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return copy;
        }
    }
}
