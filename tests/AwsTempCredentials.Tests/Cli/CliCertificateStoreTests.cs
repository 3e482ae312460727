using System.Text.Json;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Cli;

/// <summary>
/// <c>--cert-store</c>/<c>--cert-selector</c> end to end on Linux, where .NET's <c>CurrentUser\My</c> is a directory under
/// HOME: the product binary picks the certificate, the fake Roles Anywhere verifies the signature and chain, and the
/// AWS CLI uses the result. Every refusal: exit code, a message naming the cause and listing the store's public facts,
/// nothing on stdout, no key material in any output, the store left as it was.
/// </summary>
public sealed class CliCertificateStoreTests(CliWorld world) : IClassFixture<CliWorld>, IDisposable
{
    private const string RootDn = "CN=AwsTempCredentials Test Root CA,O=AwsTempCredentials Tests";
    private readonly DotNetUserStore _store = new();

    public void Dispose() => _store.Dispose();

    public enum SelectorForm
    {
        SubjectAndIssuer,
        Serial,
        Sha1Thumbprint,
        Sha256ThumbprintAsKey,
        JsonFile,
    }

    public static TheoryData<TestKeyType, bool, SelectorForm> Cases() => new()
    {
        { TestKeyType.EcP256, false, SelectorForm.SubjectAndIssuer },
        { TestKeyType.Rsa2048, true, SelectorForm.Serial },
        { TestKeyType.EcP384, true, SelectorForm.Sha1Thumbprint },
        { TestKeyType.Rsa3072, false, SelectorForm.Sha256ThumbprintAsKey },
        { TestKeyType.EcP521, true, SelectorForm.JsonFile },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Signs_with_the_selected_store_certificate_and_the_aws_cli_uses_the_credentials(TestKeyType keyType, bool viaIntermediate, SelectorForm form)
    {
        var leaf = CliWorld.Pki.Leaf(keyType, viaIntermediate);
        var other = CliWorld.Pki.Leaf(keyType == TestKeyType.EcP256 ? TestKeyType.Rsa2048 : TestKeyType.EcP256);
        _store.AddWithKey(leaf);
        _store.AddWithKey(other);
        _store.AddIntermediates(leaf.Intermediates);
        var files = _store.Files();

        var result = await world.RunAsync([.. world.RolesAnywhereArguments(), "--cert-selector", Selector(leaf, form), "--output", "json", "--verbose"], Environment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(@"Signing through CurrentUser\My with the certificate subject 'CN=", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"thumbprint {leaf.Certificate.Thumbprint}", result.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Stdout);
        var accessKeyId = json.RootElement.GetProperty("AccessKeyId").GetString();
        var session = Assert.Single(world.Aws.CreateSessionRequests, r => r.IssuedAccessKeyId == accessKeyId);
        Assert.Equal(leaf.SerialNumberDecimal, session.CredentialSerial);
        Assert.Equal(viaIntermediate ? 1 : 0, session.ChainLength);
        var identity = await world.AwsCliCallerIdentityAsync(new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = accessKeyId!,
            ["AWS_SECRET_ACCESS_KEY"] = json.RootElement.GetProperty("SecretAccessKey").GetString()!,
            ["AWS_SESSION_TOKEN"] = json.RootElement.GetProperty("SessionToken").GetString()!,
            ["AWS_DEFAULT_REGION"] = "us-east-1",
        });
        Assert.Equal($"arn:aws:sts::111122223333:assumed-role/deploy/{leaf.SerialNumberHex}", identity.GetProperty("Arn").GetString());
        Assert.Equal(files, _store.Files());
        SecretScan.AssertAbsent(result.Stderr, KeySecrets(leaf, other).Concat(world.IssuedSecrets()), "stderr");
        SecretScan.AssertAbsent(result.Stdout, KeySecrets(leaf, other), "stdout");
    }

    [Fact]
    public async Task The_chain_may_come_from_certificate_chain_when_the_store_lacks_the_intermediate()
    {
        var leaf = CliWorld.Pki.Leaf(TestKeyType.EcP256, viaIntermediate: true);
        _store.AddWithKey(leaf);
        var chain = Path.Combine(_store.Home, "chain.pem");
        File.WriteAllText(chain, leaf.ChainPem);

        var result = await world.RunAsync(
            [.. world.RolesAnywhereArguments(), "--cert-store", @"CurrentUser\My", "--cert-selector", $"Key=thumbprint,Value={leaf.Certificate.Thumbprint}", "--certificate-chain", chain, "--output", "json"],
            Environment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, world.Aws.CreateSessionRequests.Last(r => r.CredentialSerial == leaf.SerialNumberDecimal).ChainLength);
    }

    [Fact]
    public async Task A_valid_certificate_is_chosen_over_an_expired_one_of_the_same_issuer()
    {
        var valid = CliWorld.Pki.Leaf(TestKeyType.EcP256);
        _store.AddWithKey(CliWorld.Pki.ExpiredLeaf);
        _store.AddWithKey(valid);
        _store.AddWithoutKey(CliWorld.Pki.Leaf(TestKeyType.EcP384));

        var result = await world.RunAsync([.. world.RolesAnywhereArguments(), "--cert-selector", $"Key=x509Issuer,Value={RootDn}", "--output", "json"], Environment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(world.Aws.CreateSessionRequests, r => r.CredentialSerial == valid.SerialNumberDecimal);
    }

    public static TheoryData<string, int, string[]> Refusals() => new()
    {
        { "no match", 2, ["cert-selector: 'Key=x509Subject,Value=CN=nobody' matches none of the 2 certificate(s) in CurrentUser\\My. It holds:", "subject 'CN=EcP256-from-root,O=AwsTempCredentials Tests'", $"issuer '{RootDn}'", "thumbprint ", "(has no private key in the store)"] },
        { "ambiguous", 2, ["matches 2 usable certificates in CurrentUser\\My; it must name one", "Key=x509Serial", "subject 'CN=EcP256-from-root,O=AwsTempCredentials Tests'", "subject 'CN=Rsa2048-from-root,O=AwsTempCredentials Tests'"] },
        { "expired", 3, ["in CurrentUser\\My that cert-selector names expired on", "Install the renewed certificate"] },
        { "not yet valid", 3, ["is not valid yet (valid from", "clock"] },
        { "no private key", 3, ["has no private key in the store", "together with its private key"] },
        { "bad syntax", 2, ["cert-selector: is not a certificate selector", "x509Subject"] },
        { "bad key", 2, ["cert-selector: has the key 'Subject'"] },
        { "empty store", 2, ["matches none of the 0 certificate(s) in CurrentUser\\My. The store is empty."] },
        { "local machine on linux", 2, ["cert-store: LocalMachine\\My exists on Windows and macOS only"] },
        { "store and files", 2, ["certificate: and cert-selector are both given", "private-key: and cert-selector are both given"] },
        { "unknown store", 2, ["cert-store: 'CurrentUser\\Root' is not a certificate store this tool reads"] },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refuses_with_the_documented_exit_code_and_exports_nothing(string situation, int exitCode, string[] expected)
    {
        var ecLeaf = CliWorld.Pki.Leaf(TestKeyType.EcP256);
        var rsaLeaf = CliWorld.Pki.Leaf(TestKeyType.Rsa2048);
        var selector = $"Key=thumbprint,Value={ecLeaf.Certificate.Thumbprint}";
        var extra = new List<string>();
        switch (situation)
        {
            case "no match":
                _store.AddWithKey(ecLeaf);
                _store.AddWithoutKey(rsaLeaf);
                selector = "Key=x509Subject,Value=CN=nobody";
                break;
            case "ambiguous":
                _store.AddWithKey(ecLeaf);
                _store.AddWithKey(rsaLeaf);
                selector = $"Key=x509Issuer,Value={RootDn}";
                break;
            case "expired":
                _store.AddWithKey(CliWorld.Pki.ExpiredLeaf);
                selector = "Key=x509Subject,Value=CN=expired-leaf,O=AwsTempCredentials Tests";
                break;
            case "not yet valid":
                _store.AddWithKey(CliWorld.Pki.NotYetValidLeaf);
                selector = $"Key=x509Serial,Value={CliWorld.Pki.NotYetValidLeaf.SerialNumberHex}";
                break;
            case "no private key":
                _store.AddWithoutKey(ecLeaf);
                break;
            case "bad syntax":
                _store.AddWithKey(ecLeaf);
                selector = "CN=EcP256-from-root";
                break;
            case "bad key":
                _store.AddWithKey(ecLeaf);
                selector = "Key=Subject,Value=CN=EcP256-from-root";
                break;
            case "local machine on linux":
                _store.AddWithKey(ecLeaf);
                extra.AddRange(["--cert-store", @"LocalMachine\My"]);
                break;
            case "store and files":
                _store.AddWithKey(ecLeaf);
                var files = ecLeaf.WriteTo(Path.Combine(_store.Home, "files"));
                extra.AddRange(["--certificate", files.CertificatePath, "--private-key", files.PrivateKeyPath]);
                break;
            case "unknown store":
                extra.AddRange(["--cert-store", @"CurrentUser\Root"]);
                break;
        }

        var files0 = _store.Files();
        var calls = world.Aws.CreateSessionRequests.Count;

        var result = await world.RunAsync([.. world.RolesAnywhereArguments(), .. extra, "--cert-selector", selector, "--output", "json"], Environment());

        Assert.True(result.ExitCode == exitCode, result.ToString());
        foreach (var text in expected)
        {
            Assert.Contains(text, result.Stderr, StringComparison.Ordinal);
        }

        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal(calls, world.Aws.CreateSessionRequests.Count);
        Assert.Equal(files0, _store.Files());
        Assert.DoesNotContain("PRIVATE KEY", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        SecretScan.AssertAbsent(result.Stderr, KeySecrets(ecLeaf, rsaLeaf, CliWorld.Pki.ExpiredLeaf, CliWorld.Pki.NotYetValidLeaf), "stderr");
        if (situation is not ("store and files" or "local machine on linux" or "unknown store" or "bad syntax" or "bad key"))
        {
            Assert.DoesNotContain(Path.Combine(_store.Home, "files"), result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Explain_names_the_chosen_store_certificate_without_touching_its_key()
    {
        var leaf = CliWorld.Pki.Leaf(TestKeyType.EcP256, viaIntermediate: true);
        _store.AddWithKey(leaf);
        _store.AddIntermediates(leaf.Intermediates);

        var result = await world.RunAsync(
            ["explain", .. world.RolesAnywhereArguments(), "--cert-selector", $"Key=x509Serial,Value={leaf.SerialNumberHex}"], Environment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(@"CurrentUser\My", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(leaf.Certificate.Thumbprint, result.Stdout, StringComparison.Ordinal);
        Assert.Contains(leaf.SerialNumberHex, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("CN=EcP256-via-intermediate", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("CN=AwsTempCredentials Test Intermediate CA", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("AwsTempCredentials Test Root CA", result.Stdout, StringComparison.Ordinal);
        SecretScan.AssertAbsent(result.Stdout + result.Stderr, KeySecrets(leaf), "explain output");
    }

    private Dictionary<string, string> Environment()
    {
        var environment = world.Environment();
        environment["HOME"] = _store.Home;
        return environment;
    }

    private string Selector(TestCertificate leaf, SelectorForm form)
    {
        switch (form)
        {
            case SelectorForm.SubjectAndIssuer:
                return $"Key=x509Subject,Value=CN={leaf.Certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false)}, O=AwsTempCredentials Tests Key=x509Issuer,Value={RootDn}";
            case SelectorForm.Serial:
                return $"Key=x509Serial,Value={leaf.SerialNumberHex.ToUpperInvariant()}";
            case SelectorForm.Sha1Thumbprint:
                return leaf.Certificate.Thumbprint;
            case SelectorForm.Sha256ThumbprintAsKey:
                return $"Key=thumbprint,Value={leaf.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}";
            default:
                var path = Path.Combine(_store.Home, "selector.json");
                File.WriteAllText(path, $$"""[{"Key": "x509Issuer", "Value": "CN=AwsTempCredentials Test Intermediate CA,O=AwsTempCredentials Tests"}, {"Key": "x509Serial", "Value": "{{leaf.SerialNumberHex}}"}]""");
                return "file://" + path;
        }
    }

    private static IEnumerable<string> KeySecrets(params TestCertificate[] leaves) =>
        leaves.SelectMany(l => l.PrivateKeyPkcs8Pem.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith("-----", StringComparison.Ordinal)));
}
