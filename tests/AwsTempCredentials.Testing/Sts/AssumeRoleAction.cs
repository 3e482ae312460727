using AwsTempCredentials.Testing.Iam;

namespace AwsTempCredentials.Testing.Sts;

/// <summary>sts:AssumeRole for a verified caller: trust, external id, duration limits (role chaining 1 hour), session tags.</summary>
internal static class AssumeRoleAction
{
    public const string ChainingLimitMessage = "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.";
    public const string MaxSessionDurationMessage = "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.";

    public static (string Xml, StoredCredential Issued) Handle(StsRequest request, StoredCredential caller, IamDirectory iam)
    {
        var parameters = SessionParameters.Parse(request);
        var principal = caller.Principal;
        var notAuthorized = $"User: {principal.Arn} is not authorized to perform: sts:AssumeRole on resource: {parameters.RoleArn}";
        if (!iam.TryGetRole(parameters.RoleArn, out var role) || !role.Trusts(principal))
        {
            throw StsError.AccessDenied(notAuthorized);
        }

        if (role.RequiredExternalId is not null && !string.Equals(role.RequiredExternalId, parameters.ExternalId, StringComparison.Ordinal))
        {
            throw StsError.AccessDenied(notAuthorized);
        }

        if (caller.SourceIdentity is not null && parameters.SourceIdentity is not null && caller.SourceIdentity != parameters.SourceIdentity)
        {
            throw StsError.AccessDenied(notAuthorized);
        }

        if (principal.IsAssumedRole && parameters.DurationSeconds > 3600)
        {
            throw StsError.Validation(ChainingLimitMessage);
        }

        if (parameters.DurationSeconds > role.MaxSessionDurationSeconds)
        {
            throw StsError.Validation(MaxSessionDurationMessage);
        }

        var transitive = caller.TransitiveTags
            .Concat(parameters.Tags.Where(t => parameters.TransitiveTagKeys.Contains(t.Key, StringComparer.OrdinalIgnoreCase)))
            .ToList();
        var session = CallerPrincipal.ForRoleSession(role, parameters.RoleSessionName);
        var sourceIdentity = parameters.SourceIdentity ?? caller.SourceIdentity;
        var issued = iam.Credentials.IssueTemporary(session, TimeSpan.FromSeconds(parameters.DurationSeconds), "sts", transitive, sourceIdentity);
        var xml = StsXml.Response("AssumeRole", request.RequestId,
            sourceIdentity is null ? null : StsXml.Element("SourceIdentity", sourceIdentity),
            StsCredentialsXml.AssumedRoleUser(session),
            StsCredentialsXml.Credentials(issued),
            StsXml.Element("PackedPolicySize", PackedPolicySize(parameters)));
        return (xml, issued);
    }

    private static int PackedPolicySize(SessionParameters parameters) =>
        parameters.Policy is null && parameters.Tags.Count == 0 && parameters.PolicyArns.Count == 0
            ? 0
            : Math.Min(99, 1 + (((parameters.Policy?.Length ?? 0) + parameters.Tags.Sum(t => t.Key.Length + t.Value.Length) + (parameters.PolicyArns.Count * 40)) / 40));
}
