using AwsTempCredentials.Credentials;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Tests.Core.Hardening;

/// <summary>Values from the network are checked before any host writes them: a newline never reaches an output.</summary>
public sealed class CredentialValuesTests
{
    private const string Key = "ASIAEXAMPLEEXAMPLE12";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private const string Token = "IQoJb3JpZ2luX2VjEXAMPLE+token/=";
    private static readonly CallerIdentity Identity = new("111122223333", "arn:aws:sts::111122223333:assumed-role/deploy/ci", "AROA:ci");

    public static TheoryData<string, string, string?, string> BadCredentials() => new()
    {
        { Key, Secret + "\nAWS_REGION=evil", Token, "secret access key" },
        { Key, Secret, Token + "\n[evil]", "session token" },
        { Key + "\n", Secret, Token, "access key id" },
        { "asia-lower-case-key", Secret, Token, "access key id" },
        { Key, "quote'breaks'shell", Token, "secret access key" },
        { Key, string.Empty, Token, "secret access key" },
        { Key, Secret, "token with spaces", "session token" },
    };

    [Theory]
    [MemberData(nameof(BadCredentials))]
    public void An_unusable_credential_value_is_a_service_error_that_names_the_field_but_not_the_value(string key, string secret, string? token, string field)
    {
        var error = Assert.Throws<ServiceUnavailableException>(() =>
            new CredentialResult(new SessionCredentials(key, secret, token, null), Identity, AuthMethod.WebIdentity, "eu-west-1", false));

        Assert.Equal(ExitCodes.ServiceUnavailable, error.ExitCode);
        Assert.Contains($"unusable {field}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was exported", error.Message, StringComparison.Ordinal);
        foreach (var value in new[] { secret, token ?? string.Empty, key }.Where(v => v.Length >= 8))
        {
            Assert.DoesNotContain(value.Trim(), error.Describe(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("11112222333", "arn:aws:iam::111122223333:role/x", "account id")]
    [InlineData("111122223333", "arn:aws:iam::111122223333:role/x\n::add-mask::", "identity ARN")]
    [InlineData("111122223333", "not-an-arn", "identity ARN")]
    public void A_malformed_identity_is_refused(string account, string arn, string field)
    {
        var error = Assert.Throws<ServiceUnavailableException>(() =>
            new CredentialResult(new SessionCredentials(Key, Secret, Token, null), new CallerIdentity(account, arn, "AROA:x"), AuthMethod.RolesAnywhere, null, false));

        Assert.Contains($"unusable {field}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_with_expression_cannot_slip_a_bad_value_past_the_check()
    {
        var good = new CredentialResult(new SessionCredentials(Key, Secret, Token, DateTimeOffset.UtcNow.AddHours(1)), Identity, AuthMethod.AccessKeys, null, false);

        Assert.Throws<ServiceUnavailableException>(() => good with { Credentials = new SessionCredentials(Key, "a\nb", null, null) });
    }

    [Fact]
    public void Real_looking_credentials_pass()
    {
        var result = new CredentialResult(new SessionCredentials(Key, Secret, Token, DateTimeOffset.UtcNow.AddHours(1)), Identity, AuthMethod.WebIdentity, "us-east-1", false);

        Assert.Equal(Secret, result.Credentials.SecretAccessKey);
    }
}
