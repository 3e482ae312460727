using System.Text.Json;
using AwsTempCredentials.Credentials;
using AwsTempCredentials.Options;
using AwsTempCredentials.Output;

namespace AwsTempCredentials.Tests.Core.Output;

public class CredentialFormatterTests
{
    private static readonly CredentialResult Result = new(
        new SessionCredentials("ASIAEXAMPLE12345", "se/cr+et=", "to+ken/=", new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero)),
        new CallerIdentity("111122223333", "arn:aws:sts::111122223333:assumed-role/deploy/ci", "AROA:ci"),
        AuthMethod.RolesAnywhere,
        "eu-west-1",
        MaskAccountId: false);

    [Fact]
    public void Env_lines_are_posix_quoted()
    {
        var text = CredentialFormatter.Format(Result, CredentialFormat.Env);

        Assert.Contains("export AWS_SECRET_ACCESS_KEY='se/cr+et='\n", text, StringComparison.Ordinal);
        Assert.Equal("'se'\\''cret'", CredentialFormatter.ShellQuote("se'cret"));
        Assert.Contains("export AWS_REGION='eu-west-1'\n", text, StringComparison.Ordinal);
        Assert.Contains("export AWS_CREDENTIAL_EXPIRATION='2030-01-02T03:04:05Z'\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Credential_process_json_has_version_1_and_iso_expiration()
    {
        using var json = JsonDocument.Parse(CredentialFormatter.Format(Result, CredentialFormat.CredentialProcess));
        var root = json.RootElement;

        Assert.Equal(1, root.GetProperty("Version").GetInt32());
        Assert.Equal("ASIAEXAMPLE12345", root.GetProperty("AccessKeyId").GetString());
        Assert.Equal("to+ken/=", root.GetProperty("SessionToken").GetString());
        Assert.Equal("2030-01-02T03:04:05Z", root.GetProperty("Expiration").GetString());
        Assert.False(root.TryGetProperty("Account", out _));
    }

    [Fact]
    public void Without_a_session_token_no_token_variable_is_printed()
    {
        var keys = Result with { Credentials = new SessionCredentials("AKIAEXAMPLE12345", "secret", null, null), Region = null };

        var text = CredentialFormatter.Format(keys, CredentialFormat.Dotenv);

        Assert.Equal("AWS_ACCESS_KEY_ID=AKIAEXAMPLE12345\nAWS_SECRET_ACCESS_KEY=secret\n", text);
    }

    [Fact]
    public void Credentials_never_show_their_secret_in_ToString()
    {
        Assert.DoesNotContain("se/cr+et=", Result.Credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("to+ken", Result.ToString(), StringComparison.Ordinal);
    }
}
