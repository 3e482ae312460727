using AwsTempCredentials.Errors;
using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.Options.Rules;
using static AwsTempCredentials.Options.OptionNames;

namespace AwsTempCredentials.Options;

/// <summary>
/// Turns the canonical options (from any host) into a <see cref="CredentialRequest"/>, collecting every problem,
/// one message per problem naming the option, before anything touches the network. Each group of options has its
/// rules in <see cref="Rules"/>.
/// </summary>
public static class CredentialRequestParser
{
    /// <summary>Parses and validates; throws <see cref="InvalidOptionsException"/> listing every problem.</summary>
    public static CredentialRequest Parse(
        IReadOnlyDictionary<string, string> options, KeyMaterialInput? keyMaterial = null, ParseContext? context = null)
    {
        var reader = new OptionReader(options);
        var request = Build(reader, keyMaterial ?? KeyMaterialInput.Empty, context ?? ParseContext.Default);
        return reader.Errors.Count > 0 ? throw new InvalidOptionsException(reader.Errors) : request;
    }

    private static CredentialRequest Build(OptionReader r, KeyMaterialInput keys, ParseContext context)
    {
        foreach (var name in r.Unknown())
        {
            r.Error(name, "is not an option of this tool.");
        }

        keys = KeySourceRules.Read(r, keys);
        var region = AccountRules.Region(r);
        var identity = AuthMethodRules.ReadIdentity(r, keys);
        var session = SessionRules.Read(r, context);
        var allowed = AccountRules.AllowedAccountIds(r);
        var profileName = ProfileName(r);
        var audience = r.Text(Audience) ?? CredentialRequest.DefaultAudience;
        var method = AuthMethodRules.Choose(r, identity, context);
        AuthMethodRules.Validate(r, method, identity, context);
        AccountRules.SamePartition(r, region ?? identity.TrustAnchor?.Region, identity.Role, identity.TrustAnchor, identity.Chaining);
        var attempts = r.Integer(RetryMaxAttempts, 1, 10) ?? CredentialRequest.DefaultRetryMaxAttempts;
        var throttlingBudget = r.Integer(ThrottlingBudgetSeconds, 0, 3600);
        if (context.SingleAttempt)
        {
            (attempts, throttlingBudget) = (1, 0);
        }

        var timeout = r.Integer(ActionTimeoutSeconds, 1, 3600);

        return new CredentialRequest
        {
            Method = method,
            Region = region,
            RoleToAssume = identity.Role,
            RoleSessionName = session.SessionName,
            RoleSessionNameIsExplicit = r.Has(RoleSessionName),
            DurationSeconds = session.DurationSeconds,
            ExternalId = session.ExternalId,
            Chaining = identity.Chaining,
            SkipSessionTagging = r.Boolean(RoleSkipSessionTagging) ?? false,
            SessionTags = context.DefaultSessionTags,
            TransitiveTagKeys = session.TransitiveTagKeys,
            SourceIdentity = session.SourceIdentity,
            InlineSessionPolicy = session.InlinePolicy,
            ManagedSessionPolicies = session.ManagedPolicies,
            Audience = audience,
            WebIdentityTokenFile = r.Text(WebIdentityTokenFile),
            AccessKeyId = identity.AccessKeys.AccessKeyId,
            SecretAccessKey = identity.AccessKeys.SecretAccessKey,
            SessionToken = identity.AccessKeys.SessionToken,
            TrustAnchorArn = identity.TrustAnchor,
            ProfileArn = identity.Profile,
            KeyMaterial = keys,
            AllowedAccountIds = allowed,
            MaskAccountId = r.Boolean(MaskAwsAccountId) ?? false,
            RetryMaxAttempts = attempts,
            ThrottlingBudget = throttlingBudget is null ? Http.HttpSettings.DefaultThrottlingBudget : TimeSpan.FromSeconds(throttlingBudget.Value),
            Deadline = timeout is null ? null : TimeSpan.FromSeconds(timeout.Value),
            AwsProfile = profileName,
        };
    }

    private static string? ProfileName(OptionReader r)
    {
        var profileName = r.Text(AwsProfile);
        if (profileName is not null && Output.ProfileName.Check(AwsProfile, profileName) is { } profileError)
        {
            r.Error(profileError.Option, profileError.Message);
        }

        return profileName;
    }
}
