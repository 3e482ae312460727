using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AwsTempCredentials.Errors;
using AwsTempCredentials.KeyMaterial;
using static AwsTempCredentials.Options.OptionNames;
using Chaining = AwsTempCredentials.Options.RoleChaining;

namespace AwsTempCredentials.Options;

/// <summary>
/// Turns the canonical options (from any host) into a <see cref="CredentialRequest"/>, collecting every problem,
/// one message per problem naming the option, before anything touches the network.
/// </summary>
public static partial class CredentialRequestParser
{
    private const int MinDuration = 900;
    private const int MaxDuration = 43200;

    [GeneratedRegex(@"^[\w+=,.@:/-]{2,1224}$", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex(@"^\d{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex(@"^[A-Z0-9]{16,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccessKeyIdPattern();

    /// <summary>Parses and validates; throws <see cref="InvalidOptionsException"/> listing every problem.</summary>
    public static CredentialRequest Parse(
        IReadOnlyDictionary<string, string> options, KeyMaterialInput? keyMaterial = null, ParseContext? context = null)
    {
        var reader = new Reader(options);
        var request = Build(reader, keyMaterial ?? KeyMaterialInput.Empty, context ?? ParseContext.Default);
        if (reader.Errors.Count > 0)
        {
            throw new InvalidOptionsException(reader.Errors);
        }

        return request!;
    }

    private static CredentialRequest? Build(Reader r, KeyMaterialInput keys, ParseContext context)
    {
        foreach (var name in r.Unknown())
        {
            r.Error(name, "is not an option of this tool.");
        }

        var region = r.Text(AwsRegion);
        if (region is not null && !AwsPartition.IsValidRegion(region))
        {
            r.Error(AwsRegion, $"'{region}' is not an AWS region name (for example us-east-1, eu-west-2, cn-north-1).");
            region = null;
        }

        var role = r.Parse(RoleToAssume, Arn.ValidateRole);
        var trustAnchor = r.Parse(TrustAnchorArn, (string v, out Arn? a) => Arn.ValidateRolesAnywhere(v, "trust-anchor", out a));
        var profile = r.Parse(ProfileArn, (string v, out Arn? a) => Arn.ValidateRolesAnywhere(v, "profile", out a));
        var chaining = ParseChaining(r);
        var policies = r.List(ManagedSessionPolicies).Select(v => r.Parse(ManagedSessionPolicies, v, Arn.ValidateManagedPolicy)).OfType<Arn>().ToList();
        if (policies.Count > 10)
        {
            r.Error(ManagedSessionPolicies, $"lists {policies.Count} policies; STS accepts at most 10.");
        }

        var sessionName = r.Text(RoleSessionName) ?? SessionName.Sanitize(context.DefaultSessionName);
        if (!SessionName.IsValid(sessionName))
        {
            r.Error(RoleSessionName, $"'{sessionName}' must be 2 to 64 characters of letters, digits and _+=,.@- .");
        }

        var duration = r.Integer(RoleDurationSeconds, MinDuration, MaxDuration) ?? CredentialRequest.DefaultDurationSeconds;
        var externalId = r.Text(RoleExternalId);
        if (externalId is not null && !ExternalIdPattern().IsMatch(externalId))
        {
            r.Error(RoleExternalId, "must be 2 to 1224 characters of letters, digits and _+=,.@:/- .");
        }

        var sourceIdentity = r.Text(SourceIdentity);
        if (sourceIdentity is not null && (!SessionName.IsValid(sourceIdentity) || sourceIdentity.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)))
        {
            r.Error(SourceIdentity, "must be 2 to 64 characters of letters, digits and _+=,.@- and must not start with 'aws:'.");
        }

        var inlinePolicy = r.Text(InlineSessionPolicy);
        if (inlinePolicy is not null)
        {
            ValidatePolicyDocument(r, inlinePolicy);
        }

        var transitive = r.List(TransitiveTagKeys);
        if (transitive.Count > 50 || transitive.Any(k => k.Length > 128))
        {
            r.Error(TransitiveTagKeys, "takes at most 50 tag keys of at most 128 characters each.");
        }

        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in r.List(AllowedAccountIds))
        {
            if (AccountIdPattern().IsMatch(id))
            {
                allowed.Add(id);
            }
            else
            {
                r.Error(AllowedAccountIds, $"'{id}' is not a 12-digit AWS account id.");
            }
        }

        var profileName = r.Text(AwsProfile);
        if (profileName is not null && Output.ProfileName.Check(AwsProfile, profileName) is { } profileError)
        {
            r.Error(profileError.Option, profileError.Message);
        }

        var audience = r.Text(Audience) ?? CredentialRequest.DefaultAudience;
        var accessKeyId = r.Text(AwsAccessKeyId);
        var secretAccessKey = r.Text(AwsSecretAccessKey);
        var sessionToken = r.Text(AwsSessionToken);
        ValidateAccessKeys(r, accessKeyId, secretAccessKey, sessionToken);

        var method = ChooseMethod(r, trustAnchor, profile, keys, accessKeyId, chaining, role, context);
        ValidateMethod(r, method, role, trustAnchor, profile, keys, chaining, context);

        if (trustAnchor is not null && profile is not null && trustAnchor.Region != profile.Region)
        {
            r.Error(ProfileArn, $"is in region {profile.Region} but trust-anchor-arn is in {trustAnchor.Region}; Roles Anywhere needs both in one region.");
        }

        if (trustAnchor is not null && profile is not null && (trustAnchor.Account != profile.Account || trustAnchor.Partition != profile.Partition))
        {
            r.Error(ProfileArn, "must be in the same account and partition as trust-anchor-arn.");
        }

        var partitionRegion = region ?? trustAnchor?.Region;
        if (partitionRegion is not null)
        {
            var partition = AwsPartition.OfRegion(partitionRegion);
            foreach (var (name, arn) in new (string Name, Arn? Arn)[] { (RoleToAssume, role), (TrustAnchorArn, trustAnchor) }.Concat(chaining.Roles.Select(a => (OptionNames.RoleChaining, (Arn?)a))))
            {
                if (arn is not null && arn.Partition != partition)
                {
                    r.Error(name, $"'{arn}' is in partition {arn.Partition}, but region {partitionRegion} is in {partition}.");
                }
            }
        }

        if (method == AuthMethod.RolesAnywhere && duration > MaxDuration)
        {
            r.Error(RoleDurationSeconds, $"must be at most {MaxDuration} for Roles Anywhere.");
        }

        var attempts = r.Integer(RetryMaxAttempts, 1, 10) ?? CredentialRequest.DefaultRetryMaxAttempts;
        var timeout = r.Integer(ActionTimeoutSeconds, 1, 3600);

        return new CredentialRequest
        {
            Method = method,
            Region = region,
            RoleToAssume = role,
            RoleSessionName = sessionName,
            RoleSessionNameIsExplicit = r.Has(RoleSessionName),
            DurationSeconds = duration,
            ExternalId = externalId,
            Chaining = chaining,
            SkipSessionTagging = r.Boolean(RoleSkipSessionTagging) ?? false,
            SessionTags = context.DefaultSessionTags,
            TransitiveTagKeys = transitive,
            SourceIdentity = sourceIdentity,
            InlineSessionPolicy = inlinePolicy,
            ManagedSessionPolicies = policies,
            Audience = audience,
            WebIdentityTokenFile = r.Text(WebIdentityTokenFile),
            AccessKeyId = accessKeyId,
            SecretAccessKey = secretAccessKey,
            SessionToken = sessionToken,
            TrustAnchorArn = trustAnchor,
            ProfileArn = profile,
            KeyMaterial = keys,
            AllowedAccountIds = allowed,
            MaskAccountId = r.Boolean(MaskAwsAccountId) ?? false,
            RetryMaxAttempts = attempts,
            Deadline = timeout is null ? null : TimeSpan.FromSeconds(timeout.Value),
            AwsProfile = profileName,
        };
    }

    private static Chaining ParseChaining(Reader r)
    {
        var text = r.Text(OptionNames.RoleChaining);
        if (text is null)
        {
            return Chaining.None;
        }

        if (BooleanOption.TryParse(text) is { } flag)
        {
            return new Chaining(flag, []);
        }

        var roles = r.List(OptionNames.RoleChaining).Select(v => r.Parse(OptionNames.RoleChaining, v, Arn.ValidateRole)).OfType<Arn>().ToList();
        return new Chaining(false, roles);
    }

    private static AuthMethod ChooseMethod(
        Reader r, Arn? trustAnchor, Arn? profile, KeyMaterialInput keys, string? accessKeyId, Chaining chaining, Arn? role, ParseContext context)
    {
        var explicitMethod = r.Text(OptionNames.AuthMethod);
        if (explicitMethod is not null)
        {
            switch (explicitMethod.ToLowerInvariant())
            {
                case "roles-anywhere" or "rolesanywhere": return Options.AuthMethod.RolesAnywhere;
                case "web-identity" or "oidc": return Options.AuthMethod.WebIdentity;
                case "access-keys" or "accesskeys": return Options.AuthMethod.AccessKeys;
                case "ambient": return Options.AuthMethod.Ambient;
                default:
                    r.Error(OptionNames.AuthMethod, $"'{explicitMethod}' is not one of roles-anywhere, web-identity, access-keys, ambient.");
                    break;
            }
        }

        if (trustAnchor is not null || profile is not null || !keys.IsEmpty || r.Has(TrustAnchorArn) || r.Has(ProfileArn))
        {
            return Options.AuthMethod.RolesAnywhere;
        }

        if (accessKeyId is not null || r.Has(AwsSecretAccessKey))
        {
            return Options.AuthMethod.AccessKeys;
        }

        if (chaining.UseExistingCredentials)
        {
            return Options.AuthMethod.Ambient;
        }

        if (r.Has(WebIdentityTokenFile) || (context.HostProvidesWebIdentityToken && (role is not null || r.Has(RoleToAssume))))
        {
            return Options.AuthMethod.WebIdentity;
        }

        return Options.AuthMethod.Ambient;
    }

    private static void ValidateMethod(
        Reader r, AuthMethod method, Arn? role, Arn? trustAnchor, Arn? profile, KeyMaterialInput keys, Chaining chaining, ParseContext context)
    {
        var roleGiven = role is not null || r.Has(RoleToAssume);
        switch (method)
        {
            case Options.AuthMethod.RolesAnywhere:
                r.Require(TrustAnchorArn, trustAnchor, "Roles Anywhere needs the trust anchor that issued your certificate's CA.");
                r.Require(ProfileArn, profile, "Roles Anywhere needs the profile that lists the role.");
                if (!roleGiven)
                {
                    r.Error(RoleToAssume, "is required: the role Roles Anywhere should assume (it must be listed in the profile).");
                }

                if (keys.Certificate is null)
                {
                    r.Error(Certificate, "is required for Roles Anywhere: the X.509 certificate (PEM, DER or PKCS#12).");
                }

                if (r.Has(AwsAccessKeyId) || r.Has(WebIdentityTokenFile))
                {
                    r.Error(OptionNames.AuthMethod, "Roles Anywhere options cannot be combined with aws-access-key-id or web-identity-token-file; choose one way to authenticate.");
                }

                break;
            case Options.AuthMethod.WebIdentity:
                if (!roleGiven)
                {
                    r.Error(RoleToAssume, "is required: web identity (OIDC) exchanges the token for this role.");
                }

                if (!r.Has(WebIdentityTokenFile) && !context.HostProvidesWebIdentityToken)
                {
                    r.Error(WebIdentityTokenFile, "is required: no OIDC token is available from the CI platform, so give a file holding one.");
                }

                break;
            case Options.AuthMethod.AccessKeys:
                break;
            case Options.AuthMethod.Ambient:
                if (!roleGiven && chaining.Roles.Count == 0)
                {
                    r.Error(RoleToAssume, "is required. Give role-to-assume with one way to authenticate: trust-anchor-arn + profile-arn + certificate (Roles Anywhere), a web identity token, or aws-access-key-id + aws-secret-access-key.");
                }

                break;
        }
    }

    private static void ValidateAccessKeys(Reader r, string? id, string? secret, string? token)
    {
        if (id is not null && !AccessKeyIdPattern().IsMatch(id))
        {
            r.Error(AwsAccessKeyId, "does not look like an access key id (16 to 128 upper-case letters and digits, e.g. AKIA…).");
        }

        if (id is not null && secret is null)
        {
            r.Error(AwsSecretAccessKey, "is required with aws-access-key-id (a key id without its secret is half a credential).");
        }

        if (id is null && secret is not null)
        {
            r.Error(AwsAccessKeyId, "is required with aws-secret-access-key.");
        }

        if (token is not null && id is null)
        {
            r.Error(AwsSessionToken, "needs aws-access-key-id and aws-secret-access-key.");
        }
    }

    private static void ValidatePolicyDocument(Reader r, string policy)
    {
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
    }

    /// <summary>Reads options once each and collects errors.</summary>
    private sealed class Reader(IReadOnlyDictionary<string, string> options)
    {
        private readonly HashSet<string> _known = new(OptionNames.All, StringComparer.Ordinal);

        public List<OptionError> Errors { get; } = [];

        public void Error(string option, string message) => Errors.Add(new OptionError(option, message));

        public IEnumerable<string> Unknown() => options.Keys.Where(k => !_known.Contains(k));

        public bool Has(string name) => Text(name) is not null;

        public string? Text(string name) =>
            options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        /// <summary>Comma- or newline-separated values, trimmed, empties dropped.</summary>
        public List<string> List(string name) =>
            Text(name)?.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [];

        public bool? Boolean(string name)
        {
            var text = Text(name);
            if (text is null)
            {
                return null;
            }

            var value = BooleanOption.TryParse(text);
            if (value is null)
            {
                Error(name, $"'{text}' is not a boolean; use true or false.");
            }

            return value;
        }

        public int? Integer(string name, int min, int max)
        {
            var text = Text(name);
            if (text is null)
            {
                return null;
            }

            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                Error(name, $"'{text}' must be a whole number from {min} to {max}.");
                return null;
            }

            return value;
        }

        public delegate string? Validator(string value, out Arn? arn);

        public Arn? Parse(string name, Validator validate) => Text(name) is { } text ? Parse(name, text, validate) : null;

        public Arn? Parse(string name, string text, Validator validate)
        {
            var problem = validate(text, out var arn);
            if (problem is not null)
            {
                Error(name, problem);
            }

            return arn;
        }

        public void Require(string name, Arn? value, string why)
        {
            if (value is null && !Has(name))
            {
                Error(name, $"is required. {why}");
            }
        }
    }
}
