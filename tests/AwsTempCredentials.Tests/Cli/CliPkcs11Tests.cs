using System.Text.Json;
using AwsTempCredentials.Testing.Pkcs11;
using AwsTempCredentials.Testing.Processes;
using AwsTempCredentials.Tests.Pkcs11;

namespace AwsTempCredentials.Tests.Cli;

/// <summary>
/// Roles Anywhere with the key inside a SoftHSM2 token: generated there (sensitive, never extractable), the
/// certificate issued over the public key read back from it. The CLI signs through the token, the fake Roles
/// Anywhere verifies signature and chain, the AWS CLI uses the credentials; the key's value is never readable.
/// </summary>
public sealed class CliPkcs11Tests(CliWorld world) : IClassFixture<CliWorld>
{
    private const string PinVariable = "CI_TOKEN_PIN";

    public static TheoryData<string, string> KeyTypes() => new()
    {
        { "rsa:2048", "root" },
        { "EC:prime256v1", "intermediate-on-token" },
        { "EC:secp384r1", "intermediate-as-chain" },
    };

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public async Task A_key_inside_the_token_gets_credentials_the_aws_cli_uses(string keyType, string chain)
    {
        using var token = await NewTokenAsync();
        var issuer = chain == "root" ? CliWorld.Pki.Root : CliWorld.Pki.Intermediate;
        var certificate = await token.AddIdentityAsync(issuer, "build-agent", "a1b2", keyType);
        var arguments = new List<string>(world.RolesAnywhereArguments())
        {
            "--pkcs11-uri", "pkcs11:token=ci;object=build-agent;type=private", "--pkcs11-module", SoftHsmToken.ModulePath,
            "--pkcs11-pin", "env:" + PinVariable, "--output", "json",
        };
        if (chain == "intermediate-on-token")
        {
            await token.WriteCaCertificateAsync(CliWorld.Pki.Intermediate.Certificate, "issuing-ca", "ca01");
        }
        else if (chain == "intermediate-as-chain")
        {
            var chainFile = Path.Combine(world.Home, $"chain-{Guid.NewGuid():N}.pem");
            await File.WriteAllTextAsync(chainFile, CliWorld.Pki.Intermediate.CertificatePem);
            arguments.AddRange(["--certificate-chain", chainFile]);
        }

        TokenKeyInspector.AssertKeysNeverLeave(token);
        var result = await world.RunAsync(arguments, Environment(token));

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var serialHex = Convert.ToHexStringLower(certificate.SerialNumberBytes.Span);
        Assert.Equal($"arn:aws:sts::111122223333:assumed-role/deploy/{serialHex}", json.RootElement.GetProperty("Arn").GetString());
        var accessKeyId = json.RootElement.GetProperty("AccessKeyId").GetString()!;
        var session = Assert.Single(world.Aws.CreateSessionRequests, r => r.IssuedAccessKeyId == accessKeyId);
        Assert.Equal(chain == "root" ? 0 : 1, session.ChainLength);
        SecretScan.AssertAbsent(result.AllOutput, [token.Pin], "output");

        var identity = await world.AwsCliCallerIdentityAsync(new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = accessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = json.RootElement.GetProperty("SecretAccessKey").GetString()!,
            ["AWS_SESSION_TOKEN"] = json.RootElement.GetProperty("SessionToken").GetString()!,
            ["AWS_DEFAULT_REGION"] = "us-east-1",
        });
        Assert.Equal($"arn:aws:sts::111122223333:assumed-role/deploy/{serialHex}", identity.GetProperty("Arn").GetString());
        TokenKeyInspector.AssertKeysNeverLeave(token);
    }

    [Fact]
    public async Task The_module_comes_from_p11_kit_configuration_by_module_name_and_the_pin_from_stdin()
    {
        Requires.Check(File.Exists("/usr/share/p11-kit/modules/softhsm2.module") ? null : "p11-kit's softhsm2.module (Debian packages softhsm2, p11-kit)");
        using var token = await NewTokenAsync();
        await token.AddIdentityAsync(CliWorld.Pki.Root, "build-agent", "01", "EC:prime256v1");

        var result = await world.RunAsync(
            [.. world.RolesAnywhereArguments(), "--pkcs11-uri", "pkcs11:token=ci;object=build-agent?module-name=softhsm2", "--pkcs11-pin", "-", "--output", "env"],
            Environment(token), stdin: token.Pin + "\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("AWS_SESSION_TOKEN=", result.Stdout, StringComparison.Ordinal);
        SecretScan.AssertAbsent(result.AllOutput, [token.Pin], "output");
    }

    [Fact]
    public async Task A_wrong_pin_is_tried_once_and_the_token_is_not_locked()
    {
        using var token = await NewTokenAsync();
        await token.AddIdentityAsync(CliWorld.Pki.Root, "build-agent", "01", "EC:prime256v1");
        var environment = Environment(token);
        environment[PinVariable] = "9999-0000";

        var result = await RunAsync(token, environment);

        AssertFailed(result, 3, "refused the PIN", "pkcs11-pin", "tried once");
        SecretScan.AssertAbsent(result.AllOutput, ["9999-0000", token.Pin], "output");

        // The token still takes the right PIN: one wrong try did not lock it (SoftHSM2 counts tries too).
        var retry = await RunAsync(token, Environment(token));
        Assert.True(retry.ExitCode == 0, retry.ToString());
    }

    [Fact]
    public async Task A_missing_object_lists_the_keys_on_the_token()
    {
        using var token = await NewTokenAsync();
        await token.AddIdentityAsync(CliWorld.Pki.Root, "build-agent", "01", "EC:prime256v1");

        var result = await RunAsync(token, Environment(token), "pkcs11:token=ci;object=release-agent");

        AssertFailed(result, 3, "No private key matches", "object 'release-agent'", "'build-agent' (id 01)");
        SecretScan.AssertAbsent(result.AllOutput, [token.Pin], "output");
    }

    [Fact]
    public async Task An_ambiguous_selector_lists_the_matching_keys()
    {
        using var token = await NewTokenAsync();
        await token.AddIdentityAsync(CliWorld.Pki.Root, "build-agent", "01", "EC:prime256v1");
        await token.AddIdentityAsync(CliWorld.Pki.Root, "build-agent", "02", "rsa:2048");

        var result = await RunAsync(token, Environment(token));

        AssertFailed(result, 3, "matches 2 private keys", "(id 01)", "(id 02)", "id=");
        var withId = await RunAsync(token, Environment(token), "pkcs11:token=ci;object=build-agent;id=%02");
        Assert.True(withId.ExitCode == 0, withId.ToString());
    }

    [Fact]
    public async Task A_missing_token_names_the_tokens_there()
    {
        using var token = await NewTokenAsync();
        await token.AddIdentityAsync(CliWorld.Pki.Root, "build-agent", "01", "EC:prime256v1");

        var result = await RunAsync(token, Environment(token), "pkcs11:token=prod;object=build-agent");

        AssertFailed(result, 3, "No token matches", "token 'ci'", "token=");
    }

    [Fact]
    public async Task A_missing_module_names_pkcs11_module()
    {
        using var token = await NewTokenAsync();

        var result = await world.RunAsync(
            [.. world.RolesAnywhereArguments(), "--pkcs11-uri", "pkcs11:token=ci;object=build-agent", "--pkcs11-module", "/opt/none/libmissing-pkcs11.so", "--pkcs11-pin", "env:" + PinVariable],
            Environment(token));

        AssertFailed(result, 2, "pkcs11-module", "/opt/none/libmissing-pkcs11.so", "does not exist");
    }

    [Fact]
    public async Task A_library_that_is_not_a_pkcs11_module_is_named()
    {
        using var token = await NewTokenAsync();
        var notAModule = Directory.EnumerateFiles("/usr/lib/x86_64-linux-gnu", "libz.so*").Concat(Directory.EnumerateFiles("/lib/x86_64-linux-gnu", "libz.so*")).FirstOrDefault();
        Requires.Check(notAModule is null ? "libz.so (a library that is not a PKCS#11 module)" : null);

        var result = await world.RunAsync(
            [.. world.RolesAnywhereArguments(), "--pkcs11-uri", "pkcs11:token=ci", "--pkcs11-module", notAModule!, "--pkcs11-pin", "env:" + PinVariable],
            Environment(token));

        AssertFailed(result, 2, "pkcs11-module", "not a PKCS#11 module", "C_GetFunctionList");
    }

    [Fact]
    public async Task A_pin_on_the_command_line_or_in_the_uri_is_refused_before_the_token_is_touched()
    {
        using var token = await NewTokenAsync();

        var plain = await world.RunAsync(
            [.. world.RolesAnywhereArguments(), "--pkcs11-uri", "pkcs11:token=ci", "--pkcs11-module", SoftHsmToken.ModulePath, "--pkcs11-pin", token.Pin], Environment(token));
        AssertFailed(plain, 2, "pkcs11-pin", "not taken from the command line");
        SecretScan.AssertAbsent(plain.AllOutput, [token.Pin], "output");

        var inUri = await world.RunAsync(
            [.. world.RolesAnywhereArguments(), "--pkcs11-uri", $"pkcs11:token=ci?pin-value={token.Pin}", "--pkcs11-module", SoftHsmToken.ModulePath], Environment(token));
        AssertFailed(inUri, 2, "pkcs11-uri", "pin-value", "pkcs11-pin");
        SecretScan.AssertAbsent(inUri.AllOutput, [token.Pin], "output");
    }

    [Fact]
    public async Task A_token_key_with_a_private_key_file_is_refused_naming_both()
    {
        using var token = await NewTokenAsync();
        var leaf = CliWorld.Pki.Leaf(Testing.Pki.TestKeyType.EcP256);
        var keyFile = Path.Combine(world.Home, $"key-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(keyFile, leaf.PrivateKeyPkcs8Pem);
        try
        {
            var result = await world.RunAsync(
                [.. world.RolesAnywhereArguments(), "--pkcs11-uri", "pkcs11:token=ci", "--pkcs11-module", SoftHsmToken.ModulePath, "--pkcs11-pin", "env:" + PinVariable, "--private-key", keyFile],
                Environment(token));

            AssertFailed(result, 2, "pkcs11-uri", "private-key");
            SecretScan.AssertAbsent(result.AllOutput, [token.Pin, leaf.PrivateKeyPkcs8Pem.Trim()], "output");
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public async Task A_token_that_needs_a_login_without_a_pin_asks_for_pkcs11_pin()
    {
        using var token = await NewTokenAsync();
        await token.AddIdentityAsync(CliWorld.Pki.Root, "build-agent", "01", "EC:prime256v1");

        var result = await world.RunAsync(
            [.. world.RolesAnywhereArguments(), "--pkcs11-uri", "pkcs11:token=ci;object=build-agent", "--pkcs11-module", SoftHsmToken.ModulePath], Environment(token));

        AssertFailed(result, 2, "pkcs11-pin", "is required");
    }

    private static async Task<SoftHsmToken> NewTokenAsync()
    {
        Requires.SoftHsm();
        return await SoftHsmToken.CreateAsync();
    }

    private Dictionary<string, string> Environment(SoftHsmToken token)
    {
        var environment = world.Environment();
        foreach (var (name, value) in token.Environment)
        {
            environment[name] = value;
        }

        environment[PinVariable] = token.Pin;
        return environment;
    }

    private Task<ProcessResult> RunAsync(SoftHsmToken token, Dictionary<string, string> environment, string uri = "pkcs11:token=ci;object=build-agent") =>
        world.RunAsync(
            [.. world.RolesAnywhereArguments(), "--pkcs11-uri", uri, "--pkcs11-module", SoftHsmToken.ModulePath, "--pkcs11-pin", "env:" + PinVariable, "--output", "json"],
            environment);

    private void AssertFailed(ProcessResult result, int exitCode, params string[] words)
    {
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}, expected {exitCode}\n{result}");
        Assert.Equal(string.Empty, result.Stdout);
        foreach (var word in words)
        {
            Assert.True(result.Stderr.Contains(word, StringComparison.Ordinal), $"stderr does not say '{word}':\n{result}");
        }

        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        SecretScan.AssertAbsent(result.AllOutput, world.IssuedSecrets(), "output");
    }
}
