using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using AwsTempCredentials.Credentials;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Sts;

/// <summary>Exchanges an OIDC token for role credentials with AssumeRoleWithWebIdentity (an unsigned call).</summary>
public sealed class WebIdentityCredentialSource(
    Func<CancellationToken, Task<string>> getToken, StsClientFactory sts, Arn role, string sessionName, int durationSeconds)
    : AwsCredentialSource
{
    public override string Description => $"OIDC web identity → {role}";

    public string? InlinePolicy { get; init; }

    public IReadOnlyList<Arn> ManagedPolicies { get; init; } = [];

    public override async Task<SessionCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        var token = await getToken(cancellationToken);
        using var client = sts.Create(new AnonymousAWSCredentials());
        var request = new AssumeRoleWithWebIdentityRequest
        {
            RoleArn = role.ToString(),
            RoleSessionName = sessionName,
            DurationSeconds = durationSeconds,
            WebIdentityToken = token,
            Policy = InlinePolicy,
        };
        if (ManagedPolicies.Count > 0)
        {
            request.PolicyArns = ManagedPolicies.Select(p => new PolicyDescriptorType { Arn = p.ToString() }).ToList();
        }

        var response = await StsCall.RunAsync(
            sts,
            "AssumeRoleWithWebIdentity",
            role.Account,
            attempt => client.AssumeRoleWithWebIdentityAsync(request, attempt),
            e => Hint(e, WebIdentityTokenClaims.TryRead(token)),
            cancellationToken);
        return StsCall.ReadSession("AssumeRoleWithWebIdentity", sts, response.Credentials, response.AssumedRoleUser);
    }

    private string? Hint(AmazonServiceException e, WebIdentityTokenClaims? claims)
    {
        var issuerHost = claims?.Issuer is { } iss && Uri.TryCreate(iss, UriKind.Absolute, out var uri) ? uri.Host + uri.AbsolutePath.TrimEnd('/') : claims?.Issuer;
        return e.ErrorCode switch
        {
            "AccessDenied" => claims is null
                ? $"The role's trust policy does not allow this token. Check the trust policy of {role}."
                : $"The token's claims are {claims}. The trust policy of {role} must allow sts:AssumeRoleWithWebIdentity for the federated principal arn:{role.Partition}:iam::{role.Account}:oidc-provider/{issuerHost} with conditions matching them: \"{issuerHost}:aud\": \"{claims.Audience}\" and \"{issuerHost}:sub\": \"{claims.Subject}\" (StringLike allows wildcards).",
            "InvalidIdentityToken" => claims is null
                ? "STS could not read the token: check it is the OIDC token (JWT) of your CI platform."
                : $"Account {role.Account} needs an IAM OIDC identity provider for issuer {claims.Issuer} with audience (client id) {claims.Audience}; the token's claims are {claims}.",
            "ExpiredTokenException" => "The OIDC token had expired when STS read it: fetch the token right before this step, and check the machine's clock.",
            "IDPRejectedClaim" => $"The identity provider rejected a claim; the token's claims are {claims}.",
            _ => null,
        };
    }
}
