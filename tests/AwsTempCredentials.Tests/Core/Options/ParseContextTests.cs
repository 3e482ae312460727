using AwsTempCredentials.Options;

namespace AwsTempCredentials.Tests.Core.Options;

/// <summary>What a host decides itself reaches the parser typed, never as an option string to read back.</summary>
public class ParseContextTests
{
    private const string Role = "arn:aws:iam::111122223333:role/deploy";

    [Fact]
    public void The_hosts_auth_method_wins_over_what_the_options_point_at()
    {
        // Access keys are given, but the host's pick list said OIDC: the run is web identity and says what it lacks.
        var options = new Dictionary<string, string> { [OptionNames.RoleToAssume] = Role, [OptionNames.AwsRegion] = "eu-west-1" };

        var request = CredentialRequestParser.Parse(options, context: new ParseContext { AuthMethod = AuthMethod.WebIdentity, HostProvidesWebIdentityToken = true });

        Assert.Equal(AuthMethod.WebIdentity, request.Method);
    }

    [Fact]
    public void A_host_chosen_method_is_validated_like_an_explicit_one()
    {
        var options = new Dictionary<string, string> { [OptionNames.RoleToAssume] = Role };

        var error = Assert.Throws<Errors.InvalidOptionsException>(() =>
            CredentialRequestParser.Parse(options, context: new ParseContext { AuthMethod = AuthMethod.RolesAnywhere }));

        Assert.Contains(error.Errors, e => e.Option == OptionNames.TrustAnchorArn);
        Assert.Contains(error.Errors, e => e.Option == OptionNames.Certificate);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("7", "120")]
    public void Single_attempt_means_one_attempt_and_no_throttling_wait_whatever_the_options_say(string? attempts, string? budget)
    {
        var options = new Dictionary<string, string> { [OptionNames.RoleToAssume] = Role, [OptionNames.WebIdentityTokenFile] = "/t" };
        if (attempts is not null)
        {
            options[OptionNames.RetryMaxAttempts] = attempts;
            options[OptionNames.ThrottlingBudgetSeconds] = budget!;
        }

        var request = CredentialRequestParser.Parse(options, context: new ParseContext { SingleAttempt = true });

        Assert.Equal(1, request.RetryMaxAttempts);
        Assert.Equal(TimeSpan.Zero, request.ThrottlingBudget);
    }

    [Fact]
    public void Single_attempt_still_reports_a_malformed_retry_option()
    {
        var options = new Dictionary<string, string> { [OptionNames.RoleToAssume] = Role, [OptionNames.WebIdentityTokenFile] = "/t", [OptionNames.RetryMaxAttempts] = "many" };

        var error = Assert.Throws<Errors.InvalidOptionsException>(() => CredentialRequestParser.Parse(options, context: new ParseContext { SingleAttempt = true }));

        Assert.Contains(error.Errors, e => e.Option == OptionNames.RetryMaxAttempts);
    }
}
