using AwsTempCredentials.Errors;
using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Explain;

/// <summary>The inputs <c>explain</c> reads: the run's usual options, of which only the trust-related ones matter.</summary>
public sealed record ExplainRequest
{
    public required AuthMethod Method { get; init; }

    public Arn? RoleToAssume { get; init; }

    public Arn? TrustAnchorArn { get; init; }

    public Arn? ProfileArn { get; init; }

    public string? Region { get; init; }

    public string Audience { get; init; } = CredentialRequest.DefaultAudience;

    public string? WebIdentityTokenFile { get; init; }

    public KeyMaterialInput KeyMaterial { get; init; } = KeyMaterialInput.Empty;

    /// <summary>The partition of the role, else the trust anchor, else the region; aws when none says.</summary>
    public string Partition => RoleToAssume?.Partition ?? TrustAnchorArn?.Partition ?? (Region is null ? "aws" : AwsPartition.OfRegion(Region));

    public string? Account => RoleToAssume?.Account ?? TrustAnchorArn?.Account;

    /// <summary>
    /// Validates what explain uses and picks the path (Roles Anywhere when a certificate or trust anchor is given, else
    /// web identity). Options it does not use are accepted, so the same inputs as the run work.
    /// </summary>
    public static ExplainRequest Parse(IReadOnlyDictionary<string, string> options, KeyMaterialInput? keyMaterial, ParseContext? context)
    {
        ArgumentNullException.ThrowIfNull(options);
        keyMaterial ??= KeyMaterialInput.Empty;
        context ??= ParseContext.Default;
        var errors = new List<OptionError>();
        string? Text(string name) => options.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        Arn? Parse(string name, Func<string, (string? Problem, Arn? Arn)> validate)
        {
            if (Text(name) is not { } text)
            {
                return null;
            }

            var (problem, arn) = validate(text);
            if (problem is not null)
            {
                errors.Add(new OptionError(name, problem));
            }

            return arn;
        }

        foreach (var unknown in options.Keys.Where(k => !OptionNames.All.Contains(k)))
        {
            errors.Add(new OptionError(unknown, "is not an option of this tool."));
        }

        var role = Parse(OptionNames.RoleToAssume, v => (Arn.ValidateRole(v, out var a), a));
        var anchor = Parse(OptionNames.TrustAnchorArn, v => (Arn.ValidateRolesAnywhere(v, "trust-anchor", out var a), a));
        var profile = Parse(OptionNames.ProfileArn, v => (Arn.ValidateRolesAnywhere(v, "profile", out var a), a));
        var region = Text(OptionNames.AwsRegion);
        if (region is not null && !AwsPartition.IsValidRegion(region))
        {
            errors.Add(new OptionError(OptionNames.AwsRegion, $"'{region}' is not an AWS region name (for example us-east-1, eu-west-2)."));
            region = null;
        }

        var keySource = new Options.Rules.OptionReader(options);
        keyMaterial = Options.Rules.KeySourceRules.Read(keySource, keyMaterial);
        errors.AddRange(keySource.Errors);
        var tokenFile = Text(OptionNames.WebIdentityTokenFile);
        var rolesAnywhereGiven = anchor is not null || profile is not null || keyMaterial.Certificate is not null || Text(OptionNames.TrustAnchorArn) is not null
            || keyMaterial.Store is not null || Text(OptionNames.CertSelector) is not null || Text(OptionNames.Pkcs11Uri) is not null;
        var method = context.AuthMethod is { } chosen
            ? (chosen is AuthMethod.RolesAnywhere or AuthMethod.WebIdentity ? chosen : Invalid(chosen.OptionValue()))
            : (Text(OptionNames.AuthMethod)?.ToLowerInvariant()) switch
        {
            null => rolesAnywhereGiven ? AuthMethod.RolesAnywhere : AuthMethod.WebIdentity,
            "roles-anywhere" or "rolesanywhere" => AuthMethod.RolesAnywhere,
            "web-identity" or "oidc" => AuthMethod.WebIdentity,
            var other => Invalid(other),
        };

        AuthMethod Invalid(string value)
        {
            errors.Add(new OptionError(OptionNames.AuthMethod, $"'{value}' has no trust to explain: explain covers roles-anywhere and web-identity."));
            return AuthMethod.WebIdentity;
        }

        if (method == AuthMethod.RolesAnywhere && keyMaterial.Certificate is null && keyMaterial.Store is null && keyMaterial.Pkcs11 is null
            && Text(OptionNames.CertSelector) is null && Text(OptionNames.Pkcs11Uri) is null)
        {
            errors.Add(new OptionError(OptionNames.Certificate, "is required: explain reads the certificate (and certificate-chain) to say which CA the trust anchor must hold."));
        }

        if (method == AuthMethod.WebIdentity && tokenFile is null && !context.HostProvidesWebIdentityToken)
        {
            errors.Add(new OptionError(OptionNames.WebIdentityTokenFile,
                "is required: explain needs the run's OIDC token (a file holding it, or the CI platform's token), or a certificate for Roles Anywhere."));
        }

        if (anchor is not null && profile is not null && (anchor.Region != profile.Region || anchor.Account != profile.Account))
        {
            errors.Add(new OptionError(OptionNames.ProfileArn, "must be in the same region and account as trust-anchor-arn."));
        }

        if (errors.Count > 0)
        {
            throw new InvalidOptionsException(errors);
        }

        return new ExplainRequest
        {
            Method = method,
            RoleToAssume = role,
            TrustAnchorArn = anchor,
            ProfileArn = profile,
            Region = region,
            Audience = Text(OptionNames.Audience) ?? CredentialRequest.DefaultAudience,
            WebIdentityTokenFile = tokenFile,
            KeyMaterial = keyMaterial,
        };
    }
}
