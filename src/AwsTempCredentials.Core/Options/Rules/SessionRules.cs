using System.Text.Json;
using System.Text.RegularExpressions;
using static AwsTempCredentials.Options.OptionNames;

namespace AwsTempCredentials.Options.Rules;

/// <summary>What every assumed role session is asked for: name, duration, external id, source identity, session policies, tags.</summary>
internal sealed record SessionOptions(
    string SessionName,
    int DurationSeconds,
    string? ExternalId,
    string? SourceIdentity,
    string? InlinePolicy,
    IReadOnlyList<Arn> ManagedPolicies,
    IReadOnlyList<string> TransitiveTagKeys);

/// <summary>Reads and checks the session options against STS's limits.</summary>
internal static partial class SessionRules
{
    public const int MinDuration = 900;
    public const int MaxDuration = 43200;

    [GeneratedRegex(@"^[\w+=,.@:/-]{2,1224}$", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalIdPattern();

    public static SessionOptions Read(OptionReader r, ParseContext context) => new(
        SessionNameOf(r, context),
        r.Integer(RoleDurationSeconds, MinDuration, MaxDuration) ?? CredentialRequest.DefaultDurationSeconds,
        ExternalIdOf(r),
        SourceIdentityOf(r),
        InlinePolicyOf(r),
        ManagedPoliciesOf(r),
        TransitiveTagKeysOf(r));

    private static string SessionNameOf(OptionReader r, ParseContext context)
    {
        var sessionName = r.Text(RoleSessionName) ?? SessionName.Sanitize(context.DefaultSessionName);
        if (!SessionName.IsValid(sessionName))
        {
            r.Error(RoleSessionName, $"'{sessionName}' must be 2 to 64 characters of letters, digits and _+=,.@- .");
        }

        return sessionName;
    }

    private static string? ExternalIdOf(OptionReader r)
    {
        var externalId = r.Text(RoleExternalId);
        if (externalId is not null && !ExternalIdPattern().IsMatch(externalId))
        {
            r.Error(RoleExternalId, "must be 2 to 1224 characters of letters, digits and _+=,.@:/- .");
        }

        return externalId;
    }

    private static string? SourceIdentityOf(OptionReader r)
    {
        var sourceIdentity = r.Text(OptionNames.SourceIdentity);
        if (sourceIdentity is not null && (!SessionName.IsValid(sourceIdentity) || sourceIdentity.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)))
        {
            r.Error(OptionNames.SourceIdentity, "must be 2 to 64 characters of letters, digits and _+=,.@- and must not start with 'aws:'.");
        }

        return sourceIdentity;
    }

    private static string? InlinePolicyOf(OptionReader r)
    {
        var policy = r.Text(InlineSessionPolicy);
        if (policy is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(policy);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                r.Error(InlineSessionPolicy, "must be a JSON policy document (an object with Version and Statement).");
            }
        }
        catch (JsonException e)
        {
            r.Error(InlineSessionPolicy, $"is not valid JSON: {e.Message}");
        }

        if (policy.Count(c => !char.IsWhiteSpace(c)) > 2048)
        {
            r.Error(InlineSessionPolicy, "is longer than the 2048 characters STS accepts (white space aside).");
        }

        return policy;
    }

    private static List<Arn> ManagedPoliciesOf(OptionReader r)
    {
        var policies = r.List(ManagedSessionPolicies).Select(v => r.Parse(ManagedSessionPolicies, v, Arn.ValidateManagedPolicy)).OfType<Arn>().ToList();
        if (policies.Count > 10)
        {
            r.Error(ManagedSessionPolicies, $"lists {policies.Count} policies; STS accepts at most 10.");
        }

        return policies;
    }

    private static List<string> TransitiveTagKeysOf(OptionReader r)
    {
        var keys = r.List(TransitiveTagKeys);
        if (keys.Count > 50 || keys.Any(k => k.Length > 128))
        {
            r.Error(TransitiveTagKeys, "takes at most 50 tag keys of at most 128 characters each.");
        }

        return keys;
    }
}
