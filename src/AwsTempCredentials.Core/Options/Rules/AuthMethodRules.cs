using AwsTempCredentials.KeyMaterial;
using static AwsTempCredentials.Options.OptionNames;

namespace AwsTempCredentials.Options.Rules;

/// <summary>The identities the options name, read once: what <see cref="AuthMethodRules"/> decides on.</summary>
internal sealed record IdentityOptions(Arn? Role, Arn? TrustAnchor, Arn? Profile, RoleChaining Chaining, AccessKeyOptions AccessKeys, KeyMaterialInput KeyMaterial);

/// <summary>Which way to authenticate, from what was given, and whether that way has everything it needs.</summary>
internal static class AuthMethodRules
{
    public static IdentityOptions ReadIdentity(OptionReader r, KeyMaterialInput keys) => new(
        r.Parse(RoleToAssume, Arn.ValidateRole),
        r.Parse(TrustAnchorArn, (string v, out Arn? a) => Arn.ValidateRolesAnywhere(v, "trust-anchor", out a)),
        r.Parse(ProfileArn, (string v, out Arn? a) => Arn.ValidateRolesAnywhere(v, "profile", out a)),
        Chaining(r),
        AccessKeyRules.Read(r),
        keys);

    /// <summary>
    /// The host's choice, else the explicit auth-method, else the first way the options point at: Roles Anywhere, access
    /// keys, existing credentials, web identity.
    /// </summary>
    public static AuthMethod Choose(OptionReader r, IdentityOptions identity, ParseContext context)
    {
        if (context.AuthMethod is { } chosen)
        {
            return chosen;
        }

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

        if (identity.TrustAnchor is not null || identity.Profile is not null || !identity.KeyMaterial.IsEmpty || r.Has(CertSelector) || r.Has(Pkcs11Uri) || r.Has(TrustAnchorArn) || r.Has(ProfileArn))
        {
            return Options.AuthMethod.RolesAnywhere;
        }

        if (identity.AccessKeys.AccessKeyId is not null || r.Has(AwsSecretAccessKey))
        {
            return Options.AuthMethod.AccessKeys;
        }

        if (identity.Chaining.UseExistingCredentials)
        {
            return Options.AuthMethod.Ambient;
        }

        if (r.Has(WebIdentityTokenFile) || (context.HostProvidesWebIdentityToken && (identity.Role is not null || r.Has(RoleToAssume))))
        {
            return Options.AuthMethod.WebIdentity;
        }

        return Options.AuthMethod.Ambient;
    }

    /// <summary>Reports what the chosen way is missing, or what it cannot be combined with.</summary>
    public static void Validate(OptionReader r, AuthMethod method, IdentityOptions identity, ParseContext context)
    {
        var roleGiven = identity.Role is not null || r.Has(RoleToAssume);
        switch (method)
        {
            case Options.AuthMethod.RolesAnywhere:
                r.Require(TrustAnchorArn, identity.TrustAnchor, "Roles Anywhere needs the trust anchor that issued your certificate's CA.");
                r.Require(ProfileArn, identity.Profile, "Roles Anywhere needs the profile that lists the role.");
                if (!roleGiven)
                {
                    r.Error(RoleToAssume, "is required: the role Roles Anywhere should assume (it must be listed in the profile).");
                }

                if (identity.KeyMaterial.Certificate is null && identity.KeyMaterial.Store is null && identity.KeyMaterial.Pkcs11 is null
                    && !r.Has(CertSelector) && !r.Has(CertStore) && !r.Has(Pkcs11Uri))
                {
                    r.Error(Certificate, "is required for Roles Anywhere: the X.509 certificate (PEM, DER or PKCS#12), pkcs11-uri naming a key in a PKCS#11 token, or cert-selector for one in the OS certificate store.");
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
            case Options.AuthMethod.Ambient:
                if (!roleGiven && identity.Chaining.Roles.Count == 0)
                {
                    r.Error(RoleToAssume, "is required. Give role-to-assume with one way to authenticate: trust-anchor-arn + profile-arn + certificate (Roles Anywhere), a web identity token, or aws-access-key-id + aws-secret-access-key.");
                }

                break;
        }

        SameRegionAndAccount(r, identity.TrustAnchor, identity.Profile);
    }

    /// <summary>Roles Anywhere needs the trust anchor and the profile in one region, account and partition.</summary>
    private static void SameRegionAndAccount(OptionReader r, Arn? trustAnchor, Arn? profile)
    {
        if (trustAnchor is null || profile is null)
        {
            return;
        }

        if (trustAnchor.Region != profile.Region)
        {
            r.Error(ProfileArn, $"is in region {profile.Region} but trust-anchor-arn is in {trustAnchor.Region}; Roles Anywhere needs both in one region.");
        }

        if (trustAnchor.Account != profile.Account || trustAnchor.Partition != profile.Partition)
        {
            r.Error(ProfileArn, "must be in the same account and partition as trust-anchor-arn.");
        }
    }

    /// <summary><c>role-chaining</c>: true/false (configure-aws-credentials' meaning) or the role ARNs to assume after the first.</summary>
    private static RoleChaining Chaining(OptionReader r)
    {
        var text = r.Text(OptionNames.RoleChaining);
        if (text is null)
        {
            return RoleChaining.None;
        }

        if (BooleanOption.TryParse(text) is { } flag)
        {
            return new RoleChaining(flag, []);
        }

        var roles = r.List(OptionNames.RoleChaining).Select(v => r.Parse(OptionNames.RoleChaining, v, Arn.ValidateRole)).OfType<Arn>().ToList();
        return new RoleChaining(false, roles);
    }
}
