using System.Net;
using System.Text.Json;
using AwsTempCredentials.Credentials;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Http;
using AwsTempCredentials.KeyMaterial;

namespace AwsTempCredentials.RolesAnywhere;

/// <summary>Calls IAM Roles Anywhere CreateSession and turns its answers into credentials or precise errors.</summary>
public sealed class RolesAnywhereClient(RetryingSender sender, AwsEndpoints endpoints, TimeProvider clock)
{
    public async Task<SessionCredentials> CreateSessionAsync(
        CreateSessionRequest request, string region, SigningIdentity identity, CancellationToken cancellationToken)
    {
        var endpoint = endpoints.RolesAnywhereFor(region);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, RolesAnywhereJsonContext.Default.CreateSessionRequest);
        var trustAnchor = Options.Arn.TryParse(request.TrustAnchorArn, out var anchor) ? anchor : null;
        var response = await sender.SendAsync(
            () => RolesAnywhereRequestSigner.CreateSignedRequest(endpoint, region, body, identity, clock.GetUtcNow()),
            new CallDescription(
                $"Roles Anywhere CreateSession at {endpoint}",
                "Check network access, HTTPS_PROXY/NO_PROXY, and AWS_ENDPOINT_URL_ROLESANYWHERE if you use a VPC endpoint.",
                new ThrottlingQuota(
                    "The quota 'Rate of CreateSession requests' (10 per second by default)",
                    trustAnchor?.Account,
                    region,
                    "Service Quotas console → AWS services → IAM Roles Anywhere; see 'Quotas for IAM Roles Anywhere' in its User Guide")),
            cancellationToken);

        using (response)
        {
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.Created || response.StatusCode == HttpStatusCode.OK)
            {
                return ReadCredentials(content);
            }

            throw Translate(response, content, request, identity, clock.GetUtcNow());
        }
    }

    private static SessionCredentials ReadCredentials(byte[] content)
    {
        CreateSessionResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(content, RolesAnywhereJsonContext.Default.CreateSessionResponse);
        }
        catch (JsonException e)
        {
            throw new ServiceUnavailableException("Roles Anywhere answered with a body that is not CreateSession JSON.", "Check AWS_ENDPOINT_URL_ROLESANYWHERE points at Roles Anywhere.", e);
        }

        var entry = parsed?.CredentialSet is { Count: > 0 } set ? set[0] : null;
        if (entry?.Credentials is not { AccessKeyId: { Length: > 0 } id, SecretAccessKey: { Length: > 0 } secret, SessionToken: { Length: > 0 } token } credentials)
        {
            throw new ServiceUnavailableException("Roles Anywhere answered without credentials.", "Check AWS_ENDPOINT_URL_ROLESANYWHERE points at Roles Anywhere.");
        }

        return new SessionCredentials(id, secret, token, credentials.Expiration)
        {
            Identity = CallerIdentity.FromAssumedRoleUser(entry.AssumedRoleUser?.Arn, entry.AssumedRoleUser?.AssumedRoleId),
        };
    }

    private static CredentialException Translate(HttpResponseMessage response, byte[] content, CreateSessionRequest request, SigningIdentity identity, DateTimeOffset now)
    {
        var type = response.Headers.TryGetValues("X-Amzn-ErrorType", out var values) ? values.First().Split(':')[0] : null;
        string? message = null;
        try
        {
            message = JsonSerializer.Deserialize(content, RolesAnywhereJsonContext.Default.RolesAnywhereError)?.Message;
        }
        catch (JsonException)
        {
        }

        var status = (int)response.StatusCode;
        type ??= status switch { 403 => "AccessDeniedException", 404 => "ResourceNotFoundException", 429 => "ThrottlingException", _ => $"HTTP {status}" };
        message ??= response.ReasonPhrase ?? "no message";
        if (RetryingSender.IsTransient(response.StatusCode))
        {
            return new ServiceUnavailableException($"Roles Anywhere CreateSession kept failing: {type}: {message}.", "The service is having trouble; try again later.");
        }

        return ServiceRefusedException.ForCode("Roles Anywhere", "CreateSession", type, message, Hint(type, message, request, identity, now));
    }

    /// <summary>What the certificate says and the likely mismatch (CA not in the trust anchor, role not in the profile, clock).</summary>
    private static string? Hint(string type, string message, CreateSessionRequest request, SigningIdentity identity, DateTimeOffset now) =>
        Explain.RefusalDiagnosis.ForRolesAnywhere(
            type, message, Explain.CertificateFacts.Of(identity.Leaf), [.. identity.Chain.Select(Explain.CertificateFacts.Of)],
            request.TrustAnchorArn, request.ProfileArn, request.RoleArn, now);
}
