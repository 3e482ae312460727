using Amazon.SecurityToken.Model;
using AwsTempCredentials.Credentials;
using AwsTempCredentials.Reporting;

namespace AwsTempCredentials.Sts;

/// <summary>Assumes a role with the credentials of another source (access keys, ambient credentials, or a previous role: chaining).</summary>
public sealed class AssumeRoleCredentialSource(AwsCredentialSource source, StsClientFactory sts, AssumeRoleParameters parameters, IReporter reporter)
    : AwsCredentialSource
{
    public override string Description => $"{source.Description} → {parameters.Role}";

    public AssumeRoleParameters Parameters => parameters;

    public override async Task<SessionCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        var sourceCredentials = await source.GetCredentialsAsync(cancellationToken);
        reporter.Debug($"AssumeRole {parameters.Role} as session '{parameters.SessionName}' for {parameters.DurationSeconds} s.");
        using var client = sts.Create(sourceCredentials.ToAwsCredentials());
        var request = new AssumeRoleRequest
        {
            RoleArn = parameters.Role.ToString(),
            RoleSessionName = parameters.SessionName,
            DurationSeconds = parameters.DurationSeconds,
            ExternalId = parameters.ExternalId,
            SourceIdentity = parameters.SourceIdentity,
            Policy = parameters.InlinePolicy,
        };
        if (parameters.Tags.Count > 0)
        {
            request.Tags = parameters.Tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList();
        }

        if (parameters.TransitiveTagKeys.Count > 0)
        {
            request.TransitiveTagKeys = parameters.TransitiveTagKeys.ToList();
        }

        if (parameters.ManagedPolicies.Count > 0)
        {
            request.PolicyArns = parameters.ManagedPolicies.Select(p => new PolicyDescriptorType { Arn = p.ToString() }).ToList();
        }

        var response = await StsCall.RunAsync(
            sts, "AssumeRole", parameters.Role.Account, token => client.AssumeRoleAsync(request, token), e => Hint(e), cancellationToken);
        return StsCall.ReadSession("AssumeRole", sts, response.Credentials, response.AssumedRoleUser);
    }

    private string? Hint(Amazon.Runtime.AmazonServiceException e)
    {
        if (e.ErrorCode != "AccessDenied")
        {
            return null;
        }

        var tagging = parameters.Tags.Count > 0 ? " and sts:TagSession (session tags are sent; role-skip-session-tagging turns them off)" : string.Empty;
        var externalId = parameters.ExternalId is null ? " If the trust policy requires sts:ExternalId, set role-external-id." : string.Empty;
        return $"The trust policy of {parameters.Role} must allow the caller ({source.Description}) to sts:AssumeRole{tagging}, and the caller's own policy must allow sts:AssumeRole on that role.{externalId}";
    }
}
