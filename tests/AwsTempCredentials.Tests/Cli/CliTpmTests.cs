using System.Text.Json;
using AwsTempCredentials.Testing.Pkcs11;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Cli;

/// <summary>
/// TPM 2.0 through tpm2-pkcs11, the same PKCS#11 path as any token: a software TPM (swtpm) holds the key, created
/// inside it by tpm2_ptool; the CLI signs through the TPM, the fake Roles Anywhere verifies, the AWS CLI uses the result.
/// </summary>
public sealed class CliTpmTests(CliWorld world) : IClassFixture<CliWorld>
{
    [Theory]
    [InlineData("ecc256")]
    [InlineData("rsa2048")]
    public async Task A_key_inside_a_tpm_gets_credentials_through_tpm2_pkcs11(string algorithm)
    {
        Requires.SoftwareTpm();
        using var tpm = await SoftwareTpmToken.CreateAsync();
        var certificate = await tpm.AddIdentityAsync(CliWorld.Pki.Root, "build-agent", "agent1", algorithm);
        var environment = world.Environment();
        foreach (var (name, value) in tpm.Environment)
        {
            environment[name] = value;
        }

        environment["TPM_PIN"] = SoftwareTpmToken.Pin;

        var result = await world.RunAsync(
            [.. world.RolesAnywhereArguments(), "--pkcs11-uri", "pkcs11:token=tpm;object=build-agent", "--pkcs11-module", SoftwareTpmToken.ModulePath,
                "--pkcs11-pin", "env:TPM_PIN", "--output", "json"],
            environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        SecretScan.AssertAbsent(result.AllOutput, [SoftwareTpmToken.Pin], "output");
        using var json = JsonDocument.Parse(result.Stdout);
        var serialHex = Convert.ToHexStringLower(certificate.SerialNumberBytes.Span);
        var identity = await world.AwsCliCallerIdentityAsync(new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = json.RootElement.GetProperty("AccessKeyId").GetString()!,
            ["AWS_SECRET_ACCESS_KEY"] = json.RootElement.GetProperty("SecretAccessKey").GetString()!,
            ["AWS_SESSION_TOKEN"] = json.RootElement.GetProperty("SessionToken").GetString()!,
            ["AWS_DEFAULT_REGION"] = "us-east-1",
        });
        Assert.Equal($"arn:aws:sts::111122223333:assumed-role/deploy/{serialHex}", identity.GetProperty("Arn").GetString());
    }
}
