using AwsTempCredentials.Errors;
using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Tests.Core.Options;

public class CredentialRequestParserTests
{
    private const string Role = "arn:aws:iam::111122223333:role/deploy";
    private const string Anchor = "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0f2c3a4b-1111-2222-3333-444455556666";
    private const string Profile = "arn:aws:rolesanywhere:eu-west-1:111122223333:profile/1a2b3c4d-1111-2222-3333-444455556666";
    private static readonly KeyMaterialInput Certificate = new([1, 2, 3], [4, 5, 6], null, null);

    private static Dictionary<string, string> RolesAnywhere(params (string Key, string Value)[] extra)
    {
        var options = new Dictionary<string, string>
        {
            [OptionNames.RoleToAssume] = Role,
            [OptionNames.TrustAnchorArn] = Anchor,
            [OptionNames.ProfileArn] = Profile,
        };
        foreach (var (key, value) in extra)
        {
            options[key] = value;
        }

        return options;
    }

    [Fact]
    public void Roles_anywhere_options_are_inferred_and_region_comes_from_the_trust_anchor()
    {
        var request = CredentialRequestParser.Parse(RolesAnywhere(), Certificate);

        Assert.Equal(AuthMethod.RolesAnywhere, request.Method);
        Assert.Equal("eu-west-1", request.EffectiveRegion);
        Assert.Equal("deploy", request.RoleToAssume!.ResourceName);
        Assert.Equal(3600, request.DurationSeconds);
        Assert.Equal("aws-temp-credentials", request.RoleSessionName);
    }

    [Fact]
    public void Access_keys_without_a_role_are_used_as_they_are()
    {
        var request = CredentialRequestParser.Parse(new Dictionary<string, string>
        {
            [OptionNames.AwsAccessKeyId] = "AKIAIOSFODNN7EXAMPLE",
            [OptionNames.AwsSecretAccessKey] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        });

        Assert.Equal(AuthMethod.AccessKeys, request.Method);
        Assert.Null(request.RoleToAssume);
    }

    [Fact]
    public void A_host_token_with_a_role_means_web_identity()
    {
        var request = CredentialRequestParser.Parse(
            new Dictionary<string, string> { [OptionNames.RoleToAssume] = Role, [OptionNames.AwsRegion] = "eu-central-1" },
            context: new ParseContext { HostProvidesWebIdentityToken = true });

        Assert.Equal(AuthMethod.WebIdentity, request.Method);
    }

    [Fact]
    public void Role_chaining_true_means_existing_credentials_and_a_list_means_more_roles()
    {
        var existing = CredentialRequestParser.Parse(new Dictionary<string, string> { [OptionNames.RoleToAssume] = Role, [OptionNames.RoleChaining] = "true" },
            context: new ParseContext { HostProvidesWebIdentityToken = true });
        Assert.Equal(AuthMethod.Ambient, existing.Method);
        Assert.True(existing.Chaining.UseExistingCredentials);

        var list = CredentialRequestParser.Parse(RolesAnywhere((OptionNames.RoleChaining, "arn:aws:iam::444455556666:role/a\narn:aws:iam::777788889999:role/b")), Certificate);
        Assert.Equal(["a", "b"], list.Chaining.Roles.Select(r => r.ResourceName));
        Assert.False(list.Chaining.UseExistingCredentials);
    }

    [Fact]
    public void Default_session_name_from_the_host_is_sanitised()
    {
        var request = CredentialRequestParser.Parse(RolesAnywhere(), Certificate, new ParseContext { DefaultSessionName = "My Project/CI build #42 (main)" });

        Assert.Equal("My-Project-CI-build-42-main", request.RoleSessionName);
    }

    [Fact]
    public void Partitions_other_than_aws_are_accepted_when_consistent()
    {
        var request = CredentialRequestParser.Parse(new Dictionary<string, string>
        {
            [OptionNames.RoleToAssume] = "arn:aws-cn:iam::111122223333:role/deploy",
            [OptionNames.AwsRegion] = "cn-north-1",
            [OptionNames.WebIdentityTokenFile] = "/tmp/token",
        });

        Assert.Equal("aws-cn", request.RoleToAssume!.Partition);
    }

    public static TheoryData<string, Dictionary<string, string>, string, string> BadInputs() => new()
    {
        { "unknown option", RolesAnywhere(("role-to-asume", Role)), "role-to-asume", "is not an option" },
        { "region name", RolesAnywhere((OptionNames.AwsRegion, "europe")), OptionNames.AwsRegion, "not an AWS region" },
        { "region upper case", RolesAnywhere((OptionNames.AwsRegion, "US-EAST-1")), OptionNames.AwsRegion, "not an AWS region" },
        { "role not an arn", RolesAnywhere((OptionNames.RoleToAssume, "deploy")), OptionNames.RoleToAssume, "is not an ARN" },
        { "role of wrong service", RolesAnywhere((OptionNames.RoleToAssume, "arn:aws:s3:::bucket/role")), OptionNames.RoleToAssume, "service 's3'" },
        { "role short account", RolesAnywhere((OptionNames.RoleToAssume, "arn:aws:iam::1234:role/x")), OptionNames.RoleToAssume, "account id" },
        { "role with region", RolesAnywhere((OptionNames.RoleToAssume, "arn:aws:iam:us-east-1:111122223333:role/x")), OptionNames.RoleToAssume, "must not name a region" },
        { "role unknown partition", RolesAnywhere((OptionNames.RoleToAssume, "arn:aws-moon:iam::111122223333:role/x")), OptionNames.RoleToAssume, "unknown partition" },
        { "role is a user", RolesAnywhere((OptionNames.RoleToAssume, "arn:aws:iam::111122223333:user/bob")), OptionNames.RoleToAssume, "invalid resource" },
        { "trust anchor is a profile", RolesAnywhere((OptionNames.TrustAnchorArn, Profile)), OptionNames.TrustAnchorArn, "not a trust-anchor ARN" },
        { "trust anchor without uuid", RolesAnywhere((OptionNames.TrustAnchorArn, "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/abc")), OptionNames.TrustAnchorArn, "invalid resource" },
        { "trust anchor without region", RolesAnywhere((OptionNames.TrustAnchorArn, Anchor.Replace("eu-west-1", string.Empty, StringComparison.Ordinal))), OptionNames.TrustAnchorArn, "no valid region" },
        { "profile in another region", RolesAnywhere((OptionNames.ProfileArn, Profile.Replace("eu-west-1", "us-east-1", StringComparison.Ordinal))), OptionNames.ProfileArn, "one region" },
        { "profile in another account", RolesAnywhere((OptionNames.ProfileArn, Profile.Replace("111122223333", "999988887777", StringComparison.Ordinal))), OptionNames.ProfileArn, "same account" },
        { "anchor region in wrong partition", RolesAnywhere((OptionNames.TrustAnchorArn, Anchor.Replace("eu-west-1", "cn-north-1", StringComparison.Ordinal))), OptionNames.TrustAnchorArn, "not in partition" },
        { "role partition vs region", RolesAnywhere((OptionNames.AwsRegion, "us-gov-west-1")), OptionNames.RoleToAssume, "partition aws, but region us-gov-west-1" },
        { "session name too short", RolesAnywhere((OptionNames.RoleSessionName, "x")), OptionNames.RoleSessionName, "2 to 64" },
        { "session name bad character", RolesAnywhere((OptionNames.RoleSessionName, "my session")), OptionNames.RoleSessionName, "2 to 64" },
        { "session name too long", RolesAnywhere((OptionNames.RoleSessionName, new string('a', 65))), OptionNames.RoleSessionName, "2 to 64" },
        { "duration too short", RolesAnywhere((OptionNames.RoleDurationSeconds, "899")), OptionNames.RoleDurationSeconds, "900 to 43200" },
        { "duration too long", RolesAnywhere((OptionNames.RoleDurationSeconds, "43201")), OptionNames.RoleDurationSeconds, "900 to 43200" },
        { "duration not a number", RolesAnywhere((OptionNames.RoleDurationSeconds, "1h")), OptionNames.RoleDurationSeconds, "whole number" },
        { "external id too short", RolesAnywhere((OptionNames.RoleExternalId, "x")), OptionNames.RoleExternalId, "2 to 1224" },
        { "source identity aws prefix", RolesAnywhere((OptionNames.SourceIdentity, "aws:me")), OptionNames.SourceIdentity, "must not start with 'aws:'" },
        { "inline policy not json", RolesAnywhere((OptionNames.InlineSessionPolicy, "{Version: 2012}")), OptionNames.InlineSessionPolicy, "not valid JSON" },
        { "inline policy not an object", RolesAnywhere((OptionNames.InlineSessionPolicy, "[1]")), OptionNames.InlineSessionPolicy, "JSON policy document" },
        { "managed policy not a policy", RolesAnywhere((OptionNames.ManagedSessionPolicies, Role)), OptionNames.ManagedSessionPolicies, "invalid resource" },
        { "too many managed policies", RolesAnywhere((OptionNames.ManagedSessionPolicies, string.Join(',', Enumerable.Range(0, 11).Select(i => $"arn:aws:iam::aws:policy/P{i}")))), OptionNames.ManagedSessionPolicies, "at most 10" },
        { "chained role malformed", RolesAnywhere((OptionNames.RoleChaining, "arn:aws:iam::111122223333:role/a,not-an-arn")), OptionNames.RoleChaining, "is not an ARN" },
        { "chaining yes", RolesAnywhere((OptionNames.RoleChaining, "yes")), OptionNames.RoleChaining, "is not an ARN" },
        { "bad boolean", RolesAnywhere((OptionNames.MaskAwsAccountId, "yes")), OptionNames.MaskAwsAccountId, "not a boolean" },
        { "boolean mixed case", RolesAnywhere((OptionNames.RoleSkipSessionTagging, "tRue")), OptionNames.RoleSkipSessionTagging, "not a boolean" },
        { "allowed account malformed", RolesAnywhere((OptionNames.AllowedAccountIds, "111122223333,12")), OptionNames.AllowedAccountIds, "'12' is not a 12-digit" },
        { "retry attempts zero", RolesAnywhere((OptionNames.RetryMaxAttempts, "0")), OptionNames.RetryMaxAttempts, "1 to 10" },
        { "timeout negative", RolesAnywhere((OptionNames.ActionTimeoutSeconds, "-5")), OptionNames.ActionTimeoutSeconds, "1 to 3600" },
        { "profile name with bracket", RolesAnywhere((OptionNames.AwsProfile, "prod]")), OptionNames.AwsProfile, "usable profile name" },
        { "unknown auth method", RolesAnywhere((OptionNames.AuthMethod, "magic")), OptionNames.AuthMethod, "is not one of" },
        { "transitive keys too long", RolesAnywhere((OptionNames.TransitiveTagKeys, new string('k', 129))), OptionNames.TransitiveTagKeys, "at most 50" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_names_the_option_and_the_problem(string because, Dictionary<string, string> options, string option, string fragment)
    {
        var error = Assert.Throws<InvalidOptionsException>(() => CredentialRequestParser.Parse(options, Certificate));

        Assert.True(error.Errors.Any(e => e.Option == option && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"{because}: expected an error on {option} containing '{fragment}', got: {error.Message}");
        Assert.Equal(ExitCodes.InvalidOptions, error.ExitCode);
    }

    public static TheoryData<string, Dictionary<string, string>, KeyMaterialInput, string, string> MissingInputs() => new()
    {
        { "nothing at all", new(), KeyMaterialInput.Empty, OptionNames.RoleToAssume, "is required" },
        { "roles anywhere without certificate", RolesAnywhere(), KeyMaterialInput.Empty, OptionNames.Certificate, "is required for Roles Anywhere" },
        { "roles anywhere without profile", new() { [OptionNames.RoleToAssume] = Role, [OptionNames.TrustAnchorArn] = Anchor }, Certificate, OptionNames.ProfileArn, "is required" },
        { "roles anywhere without role", new() { [OptionNames.TrustAnchorArn] = Anchor, [OptionNames.ProfileArn] = Profile }, Certificate, OptionNames.RoleToAssume, "must be listed in the profile" },
        { "key id without secret", new() { [OptionNames.AwsAccessKeyId] = "AKIAIOSFODNN7EXAMPLE" }, KeyMaterialInput.Empty, OptionNames.AwsSecretAccessKey, "half a credential" },
        { "secret without key id", new() { [OptionNames.AwsSecretAccessKey] = "x" }, KeyMaterialInput.Empty, OptionNames.AwsAccessKeyId, "is required" },
        { "session token alone", new() { [OptionNames.AwsSessionToken] = "x", [OptionNames.RoleToAssume] = Role }, KeyMaterialInput.Empty, OptionNames.AwsSessionToken, "needs aws-access-key-id" },
        { "malformed key id", new() { [OptionNames.AwsAccessKeyId] = "not-a-key", [OptionNames.AwsSecretAccessKey] = "x" }, KeyMaterialInput.Empty, OptionNames.AwsAccessKeyId, "does not look like" },
        { "web identity without role", new() { [OptionNames.WebIdentityTokenFile] = "/tmp/t" }, KeyMaterialInput.Empty, OptionNames.RoleToAssume, "web identity" },
        { "explicit web identity without token", new() { [OptionNames.AuthMethod] = "web-identity", [OptionNames.RoleToAssume] = Role }, KeyMaterialInput.Empty, OptionNames.WebIdentityTokenFile, "no OIDC token" },
        { "roles anywhere mixed with keys", RolesAnywhere((OptionNames.AwsAccessKeyId, "AKIAIOSFODNN7EXAMPLE"), (OptionNames.AwsSecretAccessKey, "x")), Certificate, OptionNames.AuthMethod, "cannot be combined" },
        { "store selector with a certificate file", RolesAnywhere((OptionNames.CertSelector, StoreThumbprint)), Certificate, OptionNames.Certificate, "and cert-selector are both given" },
        { "store selector with a passphrase", RolesAnywhere((OptionNames.CertSelector, StoreThumbprint)), new KeyMaterialInput(null, null, null, "pass"), OptionNames.PrivateKeyPassphrase, "has no use with cert-selector" },
        { "store without selector", RolesAnywhere((OptionNames.CertStore, @"CurrentUser\My")), KeyMaterialInput.Empty, OptionNames.CertSelector, "is required with cert-store" },
        { "malformed selector", RolesAnywhere((OptionNames.CertSelector, "Key=x509Subject,Value=nonsense")), KeyMaterialInput.Empty, OptionNames.CertSelector, "not a distinguished name" },
    };

    [Theory]
    [MemberData(nameof(MissingInputs))]
    public void Missing_or_contradicting_inputs_are_named(string because, Dictionary<string, string> options, KeyMaterialInput keys, string option, string fragment)
    {
        var error = Assert.Throws<InvalidOptionsException>(() => CredentialRequestParser.Parse(options, keys));

        Assert.True(error.Errors.Any(e => e.Option == option && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"{because}: expected an error on {option} containing '{fragment}', got: {error.Message}");
    }

    private const string StoreThumbprint = "3B8C1F0E5A7D92C4E61B0A9F8D7C6B5A4E3D2C1B";

    [Fact]
    public void A_store_selector_alone_chooses_roles_anywhere_with_the_store_as_the_key_source()
    {
        var request = CredentialRequestParser.Parse(RolesAnywhere((OptionNames.CertSelector, StoreThumbprint)), KeyMaterialInput.Empty);

        Assert.Equal(AuthMethod.RolesAnywhere, request.Method);
        Assert.Equal(StoreThumbprint, request.KeyMaterial.Store!.Selector.Thumbprint);
        Assert.Equal(@"CurrentUser\My", request.KeyMaterial.Store.StoreText);
        Assert.Null(request.KeyMaterial.Certificate);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var error = Assert.Throws<InvalidOptionsException>(() => CredentialRequestParser.Parse(
            RolesAnywhere((OptionNames.AwsRegion, "nowhere"), (OptionNames.RoleDurationSeconds, "5"), (OptionNames.RoleSessionName, "!")), Certificate));

        Assert.Equal(3, error.Errors.Count);
        Assert.StartsWith("3 problems with the options:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_values_are_never_echoed_in_errors()
    {
        const string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        var error = Assert.Throws<InvalidOptionsException>(() => CredentialRequestParser.Parse(new Dictionary<string, string>
        {
            [OptionNames.AwsAccessKeyId] = "bad id",
            [OptionNames.AwsSecretAccessKey] = secret,
            [OptionNames.AwsSessionToken] = secret + "token",
        }));

        Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("role-to-assume", "roleToAssume")]
    [InlineData("action-timeout-s", "actionTimeoutS")]
    [InlineData("aws-region", "awsRegion")]
    public void Azure_DevOps_input_names_are_the_camel_case_of_the_option(string option, string input) =>
        Assert.Equal(input, OptionNames.ToCamelCase(option));

    [Fact]
    public void A_token_and_the_certificate_store_together_are_refused_naming_both()
    {
        var options = RolesAnywhere((OptionNames.Pkcs11Uri, "pkcs11:token=ci;object=build-agent"), (OptionNames.CertSelector, "Key=x509Subject,Value=CN=agent"));

        var error = Assert.Throws<InvalidOptionsException>(() => CredentialRequestParser.Parse(options, KeyMaterialInput.Empty));

        var problem = Assert.Single(error.Errors, e => e.Option == OptionNames.Pkcs11Uri);
        Assert.Contains(OptionNames.CertSelector, problem.Message, StringComparison.Ordinal);
    }
}
