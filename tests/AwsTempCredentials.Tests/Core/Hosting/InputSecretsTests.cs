using System.Text;
using AwsTempCredentials.Hosting;
using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Tests.Core.Hosting;

/// <summary>The one list of input values every host masks before anything is printed.</summary>
public class InputSecretsTests
{
    private const string KeyBody = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg";
    private static readonly string PemKey = $"-----BEGIN PRIVATE KEY-----\n{KeyBody}\nQ2xvc2VkQm9keUxpbmVGb3JUZXN0cw==\n-----END PRIVATE KEY-----\n";

    [Fact]
    public void Secret_options_and_the_passphrase_are_secrets_and_plain_options_are_not()
    {
        var options = new Dictionary<string, string>
        {
            [OptionNames.AwsAccessKeyId] = "AKIAEXAMPLEKEYID1234",
            [OptionNames.AwsSecretAccessKey] = "secret/key+value",
            [OptionNames.AwsSessionToken] = "session-token-value",
            [OptionNames.AwsRegion] = "eu-west-1",
        };

        var secrets = InputSecrets.Of(options, KeyMaterialInput.Empty with { Passphrase = "pass phrase" }).ToList();

        Assert.Equal(["AKIAEXAMPLEKEYID1234", "secret/key+value", "session-token-value", "pass phrase"], secrets);
    }

    [Fact]
    public void A_pem_key_is_masked_whole_and_line_by_line_but_not_its_armour()
    {
        var keys = new KeyMaterialInput(null, Encoding.ASCII.GetBytes(PemKey), null, null);

        var secrets = InputSecrets.Of(new Dictionary<string, string>(), keys).ToList();

        Assert.Contains(PemKey.Trim(), secrets);
        Assert.Contains(KeyBody, secrets);
        Assert.Contains("Q2xvc2VkQm9keUxpbmVGb3JUZXN0cw==", secrets);
        Assert.DoesNotContain(secrets, s => s.StartsWith("-----BEGIN", StringComparison.Ordinal) && !s.Contains('\n', StringComparison.Ordinal));
    }

    [Fact]
    public void A_pkcs12_certificate_given_as_base64_is_a_secret_and_a_pem_certificate_is_not()
    {
        const string Pkcs12Base64 = "MIIJqQIBAzCCCW8GCSqGSIb3DQEHAaCCCWAEgglcMIIJWDCCBA8GCSqGSIb3DQEH";
        var pem = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGVCb2R5\n-----END CERTIFICATE-----\n";

        Assert.Equal([Pkcs12Base64], InputSecrets.Of(new Dictionary<string, string>(), new KeyMaterialInput(Encoding.ASCII.GetBytes(Pkcs12Base64), null, null, null)));
        Assert.Empty(InputSecrets.Of(new Dictionary<string, string>(), new KeyMaterialInput(Encoding.ASCII.GetBytes(pem), null, null, null)));
    }

    [Fact]
    public void Binary_key_material_is_not_turned_into_text_to_mask()
    {
        var der = new byte[] { 0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01, 0x00, 0xc3 };

        Assert.Empty(InputSecrets.Of(new Dictionary<string, string>(), new KeyMaterialInput(der, der, null, null)));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void With_mask_aws_account_id_the_accounts_of_arn_inputs_are_secrets(string mask, bool masked)
    {
        var options = new Dictionary<string, string>
        {
            [OptionNames.MaskAwsAccountId] = mask,
            [OptionNames.RoleToAssume] = "arn:aws:iam::111122223333:role/deploy",
            [OptionNames.RoleChaining] = "arn:aws:iam::444455556666:role/a\narn:aws:iam::777788889999:role/b",
            [OptionNames.TrustAnchorArn] = "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0f2c3a4b-1111-2222-3333-444455556666",
        };

        var secrets = InputSecrets.Of(options, KeyMaterialInput.Empty).ToList();

        if (masked)
        {
            Assert.Equal(["111122223333", "444455556666", "777788889999"], secrets.Distinct());
        }
        else
        {
            Assert.Empty(secrets);
        }
    }

    [Fact]
    public void Register_hands_every_secret_to_the_reporter()
    {
        var reporter = new RecordingReporter();
        var inputs = new HostInputs(
            new Dictionary<string, string> { [OptionNames.AwsSecretAccessKey] = "s3cr3t" },
            KeyMaterialInput.Empty with { Passphrase = "pw" }, ParseContext.Default, new Broker.BrokerEnvironment());

        InputSecrets.Register(inputs, reporter);

        Assert.Equal(["s3cr3t", "pw"], reporter.Secrets);
    }
}
