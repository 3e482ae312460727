using System.Text;
using System.Text.Json;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Cli;

/// <summary>The CLI gets Roles Anywhere credentials for every key type and format, with and without a chain.</summary>
public sealed class CliRolesAnywhereTests(CliWorld world) : IClassFixture<CliWorld>, IDisposable
{
    private const string Passphrase = "correct horse battery staple";
    private readonly string _directory = Directory.CreateTempSubdirectory("awstc-cli-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public enum KeyFormat
    {
        Pkcs8Pem,
        Pkcs8Der,
        Pkcs1Pem,
        Sec1Pem,
        EncryptedPkcs8Pem,
        Pkcs12WithPassword,
        Pkcs12WithoutPassword,
        Pkcs12Base64InEnvironment,
        FullChainPemAsCertificate,
        DerCertificate,
    }

    public static TheoryData<TestKeyType, KeyFormat, bool> Cases()
    {
        var cases = new TheoryData<TestKeyType, KeyFormat, bool>();
        foreach (var keyType in Enum.GetValues<TestKeyType>())
        {
            cases.Add(keyType, KeyFormat.Pkcs8Pem, false);
            cases.Add(keyType, KeyFormat.Pkcs8Pem, true);
        }

        cases.Add(TestKeyType.Rsa2048, KeyFormat.Pkcs1Pem, true);
        cases.Add(TestKeyType.Rsa3072, KeyFormat.Pkcs1Pem, false);
        cases.Add(TestKeyType.EcP256, KeyFormat.Sec1Pem, true);
        cases.Add(TestKeyType.EcP384, KeyFormat.Sec1Pem, false);
        cases.Add(TestKeyType.EcP256, KeyFormat.Pkcs8Der, false);
        cases.Add(TestKeyType.Rsa2048, KeyFormat.EncryptedPkcs8Pem, true);
        cases.Add(TestKeyType.EcP384, KeyFormat.EncryptedPkcs8Pem, false);
        cases.Add(TestKeyType.Rsa2048, KeyFormat.Pkcs12WithPassword, true);
        cases.Add(TestKeyType.EcP256, KeyFormat.Pkcs12WithoutPassword, true);
        cases.Add(TestKeyType.EcP384, KeyFormat.Pkcs12Base64InEnvironment, false);
        cases.Add(TestKeyType.EcP256, KeyFormat.FullChainPemAsCertificate, true);
        cases.Add(TestKeyType.Rsa2048, KeyFormat.DerCertificate, false);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Gets_credentials_with_every_key_type_and_format(TestKeyType keyType, KeyFormat format, bool viaIntermediate)
    {
        var leaf = CliWorld.Pki.Leaf(keyType, viaIntermediate);
        var environment = world.Environment();
        var arguments = new List<string>(world.RolesAnywhereArguments()) { "--output", "json" };
        var secrets = new List<string> { leaf.PrivateKeyPkcs8Pem.Trim(), Passphrase };
        arguments.AddRange(KeyArguments(leaf, format, viaIntermediate, environment));

        var result = await world.RunAsync(arguments, environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var arn = json.RootElement.GetProperty("Arn").GetString();
        Assert.Equal($"arn:aws:sts::111122223333:assumed-role/deploy/{leaf.SerialNumberHex}", arn);
        Assert.Equal("us-east-1", json.RootElement.GetProperty("Region").GetString());
        var accessKeyId = json.RootElement.GetProperty("AccessKeyId").GetString();
        var session = Assert.Single(world.Aws.CreateSessionRequests, r => r.IssuedAccessKeyId == accessKeyId);
        Assert.Equal(leaf.SerialNumberDecimal, session.CredentialSerial);
        Assert.Equal(viaIntermediate ? 1 : 0, session.ChainLength);

        var issued = json.RootElement.GetProperty("SecretAccessKey").GetString()!;
        SecretScan.AssertAbsent(result.Stderr, secrets.Concat(world.IssuedSecrets()).Append(issued), "stderr");
        SecretScan.AssertAbsent(result.Stdout, secrets, "stdout");
    }

    private IEnumerable<string> KeyArguments(TestCertificate leaf, KeyFormat format, bool withChain, Dictionary<string, string> environment)
    {
        string Write(string name, byte[] content)
        {
            var path = Path.Combine(_directory, name);
            File.WriteAllBytes(path, content);
            return path;
        }

        string WriteText(string name, string content) => Write(name, Encoding.ASCII.GetBytes(content));

        var chain = withChain && format is not (KeyFormat.FullChainPemAsCertificate or KeyFormat.Pkcs12WithPassword or KeyFormat.Pkcs12WithoutPassword or KeyFormat.Pkcs12Base64InEnvironment)
            ? new[] { "--certificate-chain", WriteText("chain.pem", leaf.ChainPem) }
            : [];
        var certificate = new[] { "--certificate", WriteText("cert.pem", leaf.CertificatePem) };
        environment["KEY_PASSPHRASE"] = Passphrase;
        IEnumerable<string> key = format switch
        {
            KeyFormat.Pkcs8Pem => [.. certificate, "--private-key", WriteText("key.pem", leaf.PrivateKeyPkcs8Pem)],
            KeyFormat.Pkcs8Der => [.. certificate, "--private-key", Write("key.der", leaf.PrivateKeyPkcs8Der)],
            KeyFormat.Pkcs1Pem => [.. certificate, "--private-key", WriteText("key.pem", leaf.PrivateKeyPkcs1Pem)],
            KeyFormat.Sec1Pem => [.. certificate, "--private-key", WriteText("key.pem", leaf.PrivateKeySec1Pem)],
            KeyFormat.EncryptedPkcs8Pem => [.. certificate, "--private-key", WriteText("key.pem", leaf.EncryptedPrivateKeyPem(Passphrase)), "--private-key-passphrase", "env:KEY_PASSPHRASE"],
            KeyFormat.Pkcs12WithPassword => ["--certificate", Write("bundle.p12", leaf.Pkcs12(Passphrase)), "--private-key-passphrase", "env:KEY_PASSPHRASE"],
            KeyFormat.Pkcs12WithoutPassword => ["--certificate", Write("bundle.p12", leaf.Pkcs12())],
            KeyFormat.Pkcs12Base64InEnvironment => ["--certificate", "env:CLIENT_P12"],
            KeyFormat.FullChainPemAsCertificate => ["--certificate", WriteText("fullchain.pem", leaf.FullChainPem), "--private-key", "env:CLIENT_KEY"],
            KeyFormat.DerCertificate => ["--certificate", Write("cert.der", leaf.CertificateDer), "--private-key", WriteText("key.pem", leaf.PrivateKeyPkcs8Pem)],
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        if (format == KeyFormat.Pkcs12Base64InEnvironment)
        {
            environment["CLIENT_P12"] = Convert.ToBase64String(leaf.Pkcs12());
        }

        environment["CLIENT_KEY"] = leaf.PrivateKeyPkcs8Pem;
        return key.Concat(chain);
    }

    [Fact]
    public async Task Reads_the_passphrase_from_standard_input()
    {
        var leaf = CliWorld.Pki.Leaf(TestKeyType.EcP256);
        var certificate = Path.Combine(_directory, "cert.pem");
        var key = Path.Combine(_directory, "key.pem");
        File.WriteAllText(certificate, leaf.CertificatePem);
        File.WriteAllText(key, leaf.EncryptedPrivateKeyPem(Passphrase));

        var result = await world.RunAsync(
            [.. world.RolesAnywhereArguments(), "--certificate", certificate, "--private-key", key, "--private-key-passphrase", "-", "--output", "dotenv"], stdin: Passphrase);

        Assert.True(result.ExitCode == 0, result.ToString());
        SecretScan.AssertAbsent(result.AllOutput, [Passphrase], "output");
    }

    [Fact]
    public async Task Reads_the_private_key_from_standard_input()
    {
        var leaf = CliWorld.Pki.Leaf(TestKeyType.Rsa2048);
        var certificate = Path.Combine(_directory, "cert.der");
        File.WriteAllBytes(certificate, leaf.CertificateDer);

        var result = await world.RunAsync(
            [.. world.RolesAnywhereArguments(), "--certificate", certificate, "--private-key", "-", "--output", "dotenv"], stdin: leaf.PrivateKeyPkcs8Pem);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches("(?m)^AWS_ACCESS_KEY_ID=ASIA[A-Z0-9]{16}$", result.Stdout);
        SecretScan.AssertAbsent(result.AllOutput, [leaf.PrivateKeyPkcs8Pem.Trim()], "output");
    }
}
