using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using AwsTempCredentials.Credentials;
using AwsTempCredentials.Explain;
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
            e => RefusalDiagnosis.ForWebIdentity(e.ErrorCode, e.Message, OidcTokenClaims.TryRead(token), role.ToString(), role.Partition, role.Account, DateTimeOffset.UtcNow),
            cancellationToken);
        return StsCall.ReadSession("AssumeRoleWithWebIdentity", sts, response.Credentials, response.AssumedRoleUser);
    }
}
