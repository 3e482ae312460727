using System.Globalization;
using AwsTempCredentials.Testing.Iam;
using AwsTempCredentials.Testing.Oidc;

namespace AwsTempCredentials.Testing.Sts;

/// <summary>
/// sts:AssumeRoleWithWebIdentity (unsigned): the JWT must be RS256-signed by a registered OIDC provider, current
/// (exp, nbf), for one of the provider's client ids, and the role must trust that issuer, audience and subject.
/// </summary>
internal static class WebIdentityAction
{
    public static (string Xml, StoredCredential Issued) Handle(StsRequest request, IamDirectory iam)
    {
        var parameters = SessionParameters.Parse(request);
        var token = request.Get("WebIdentityToken");
        if (token is null)
        {
            throw StsError.Constraint(null, "webIdentityToken", "Member must not be null");
        }

        if (token.Length is < 4 or > 20000)
        {
            throw StsError.Constraint("***", "webIdentityToken", "Member must have length less than or equal to 20000");
        }

        if (!JwtToken.TryParse(token, out var jwt) || jwt is null)
        {
            throw StsError.InvalidIdentityToken("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");
        }

        if (jwt.Algorithm != "RS256")
        {
            throw StsError.InvalidIdentityToken($"Unsupported signing algorithm {jwt.Algorithm}");
        }

        if (jwt.Issuer is null || !iam.TryGetOidcProvider(jwt.Issuer, out var provider))
        {
            throw StsError.InvalidIdentityToken($"No OpenIDConnect provider found in your account for {jwt.Issuer}");
        }

        if ((jwt.KeyId is not null && jwt.KeyId != provider.Issuer.KeyId) || !provider.Issuer.VerifySignature(jwt.SigningInput, jwt.Signature))
        {
            throw StsError.InvalidIdentityToken("Couldn't verify the signature of the web identity token with the provider's keys");
        }

        var now = iam.Clock.GetUtcNow();
        if (jwt.ExpiresAt is not { } expiresAt || expiresAt <= now)
        {
            throw new StsError(400, "ExpiredTokenException",
                $"Token expired: current date/time {Format(now)} must be before the expiration date/time {(jwt.ExpiresAt is { } e ? Format(e) : "(none)")}");
        }

        if (jwt.NotBefore is { } notBefore && notBefore > now)
        {
            throw StsError.InvalidIdentityToken($"Token is not valid before {Format(notBefore)}");
        }

        var audience = jwt.Audiences.FirstOrDefault(a => provider.ClientIds.Contains(a, StringComparer.Ordinal));
        if (audience is null)
        {
            throw StsError.InvalidIdentityToken("Incorrect token audience");
        }

        if (!iam.TryGetRole(parameters.RoleArn, out var role)
            || !Trusts(role, jwt, audience))
        {
            throw StsError.AccessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity");
        }

        if (parameters.ExternalId is not null)
        {
            throw StsError.Validation("ExternalId is not a parameter of AssumeRoleWithWebIdentity.");
        }

        if (parameters.DurationSeconds > role.MaxSessionDurationSeconds)
        {
            throw StsError.Validation(AssumeRoleAction.MaxSessionDurationMessage);
        }

        var session = CallerPrincipal.ForRoleSession(role, parameters.RoleSessionName);
        var issued = iam.Credentials.IssueTemporary(session, TimeSpan.FromSeconds(parameters.DurationSeconds), "sts", [], parameters.SourceIdentity);
        var xml = StsXml.Response("AssumeRoleWithWebIdentity", request.RequestId,
            StsXml.Element("SubjectFromWebIdentityToken", jwt.Subject),
            StsXml.Element("Audience", audience),
            StsCredentialsXml.AssumedRoleUser(session),
            StsCredentialsXml.Credentials(issued),
            parameters.SourceIdentity is null ? null : StsXml.Element("SourceIdentity", parameters.SourceIdentity),
            StsXml.Element("Provider", jwt.Issuer.Replace("https://", string.Empty, StringComparison.Ordinal)),
            StsXml.Element("PackedPolicySize", 0));
        return (xml, issued);
    }

    private static bool Trusts(FakeRole role, JwtToken jwt, string audience)
    {
        if (role.WebIdentity is { } trust)
        {
            return trust.Issuer == jwt.Issuer && jwt.Audiences.Any(a => trust.Audiences.Contains(a, StringComparer.Ordinal)) && trust.SubjectMatches(jwt.Subject);
        }

        if (role.TrustPolicy is not { } policy)
        {
            return false;
        }

        // IAM's keys for a generic OIDC provider: "{issuer without https://}:aud" (the audience the provider accepted) and ":sub".
        var path = jwt.Issuer!.Replace("https://", string.Empty, StringComparison.Ordinal).TrimEnd('/');
        var context = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [$"{path}:aud"] = audience };
        if (jwt.Subject is not null)
        {
            context[$"{path}:sub"] = jwt.Subject;
        }

        return policy.Allows("Federated", $"arn:{role.Partition}:iam::{role.AccountId}:oidc-provider/{path}", ["sts:AssumeRoleWithWebIdentity"], context);
    }

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
}
