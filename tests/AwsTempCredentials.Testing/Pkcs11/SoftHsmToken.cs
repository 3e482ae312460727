using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Testing.Pkcs11;

/// <summary>
/// A SoftHSM2 token in a temporary directory of its own (Debian packages softhsm2 and opensc): keys are generated
/// inside it with pkcs11-tool (sensitive, never extractable), certificates issued by the test PKI over the public
/// key read back from the token are written next to them. <see cref="Environment"/> holds SOFTHSM2_CONF, the
/// module's own configuration, for any process that loads the module.
/// </summary>
public sealed class SoftHsmToken : IDisposable
{
    public const string ModulePath = "/usr/lib/softhsm/libsofthsm2.so";
    public const string Pkcs11ToolPath = "/usr/bin/pkcs11-tool";
    public const string SoftHsmUtilPath = "/usr/bin/softhsm2-util";
    public const string DefaultPin = "4711-0815";
    public const string SoPin = "so-secret-9876";

    private readonly string _directory;

    private SoftHsmToken(string directory, string label, string pin)
    {
        _directory = directory;
        Label = label;
        Pin = pin;
        ConfigurationPath = Path.Combine(directory, "softhsm2.conf");
    }

    public string Label { get; }

    public string Pin { get; }

    public string ConfigurationPath { get; }

    /// <summary>SOFTHSM2_CONF: where the module finds this token.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["SOFTHSM2_CONF"] = ConfigurationPath };

    /// <summary>What is missing to run SoftHSM2 here, or null.</summary>
    public static string? Unavailable() =>
        !File.Exists(ModulePath) ? $"SoftHSM2 is not installed ({ModulePath}; Debian package softhsm2)"
        : !File.Exists(Pkcs11ToolPath) ? $"pkcs11-tool is not installed ({Pkcs11ToolPath}; Debian package opensc)"
        : null;

    /// <summary>Creates a directory and configuration of its own and initializes one token in it.</summary>
    public static async Task<SoftHsmToken> CreateAsync(string label = "ci", string pin = DefaultPin)
    {
        var directory = Directory.CreateTempSubdirectory("awstc-softhsm-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "tokens"));
        var token = new SoftHsmToken(directory, label, pin);
        await File.WriteAllTextAsync(token.ConfigurationPath, $"directories.tokendir = {Path.Combine(directory, "tokens")}\nobjectstore.backend = file\nlog.level = ERROR\n");
        await token.InitializeTokenAsync(label);
        return token;
    }

    /// <summary>Initializes one more token (another label) in the same configuration.</summary>
    public Task InitializeTokenAsync(string label) =>
        (Task)RunAsync(SoftHsmUtilPath, ["--init-token", "--free", "--label", label, "--pin", Pin, "--so-pin", SoPin]);

    /// <summary>
    /// Generates a key pair inside the token (<paramref name="keyType"/> as pkcs11-tool names it: rsa:2048,
    /// EC:prime256v1, EC:secp384r1), reads its public key back and returns it.
    /// </summary>
    public async Task<PublicKey> GenerateKeyAsync(string label, string idHex, string keyType, string? tokenLabel = null)
    {
        await ToolAsync(tokenLabel, "--login", "--pin", Pin, "--keypairgen", "--key-type", keyType, "--id", idHex, "--label", label, "--usage-sign");
        if (keyType.StartsWith("EC:", StringComparison.OrdinalIgnoreCase))
        {
            // pkcs11-tool 0.23 cannot export a P-384 public key ("cannot create EVP_PKEY"): rebuild it from the
            // EC_POINT the token lists (a DER OCTET STRING around the uncompressed point).
            var listing = await ToolAsync(tokenLabel, "--list-objects", "--type", "pubkey", "--id", idHex);
            return EcPublicKeyFromListing(listing, keyType);
        }

        var file = Path.Combine(_directory, $"pub-{Guid.NewGuid():N}.der");
        await ToolAsync(tokenLabel, "--read-object", "--type", "pubkey", "--id", idHex, "--output-file", file);
        return PublicKey.CreateFromSubjectPublicKeyInfo(await File.ReadAllBytesAsync(file), out _);
    }

    /// <summary>Writes a certificate (DER) onto the token with the given id and label.</summary>
    public async Task WriteCertificateAsync(X509Certificate2 certificate, string label, string idHex, string? tokenLabel = null)
    {
        var file = Path.Combine(_directory, $"cert-{Guid.NewGuid():N}.der");
        await File.WriteAllBytesAsync(file, certificate.RawData);
        await ToolAsync(tokenLabel, "--login", "--pin", Pin, "--write-object", file, "--type", "cert", "--id", idHex, "--label", label);
    }

    /// <summary>A key generated in the token and a certificate for it issued by <paramref name="issuer"/>, written onto the token.</summary>
    public async Task<X509Certificate2> AddIdentityAsync(TestCertificateAuthority issuer, string label, string idHex, string keyType, string? tokenLabel = null)
    {
        var publicKey = await GenerateKeyAsync(label, idHex, keyType, tokenLabel);
        var certificate = issuer.IssueLeafFor($"{label} ({keyType})", publicKey);
        await WriteCertificateAsync(certificate, label, idHex, tokenLabel);
        return certificate;
    }

    /// <summary>Writes a CA certificate onto the token (an intermediate the run should send).</summary>
    public Task WriteCaCertificateAsync(X509Certificate2 certificate, string label, string idHex) => WriteCertificateAsync(certificate, label, idHex);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The EC public key in pkcs11-tool's --list-objects output (its first EC_POINT line).</summary>
    public static PublicKey EcPublicKeyFromListing(string listing, string keyType)
    {
        var hex = Regex.Match(listing, "EC_POINT:\\s+([0-9a-fA-F]+)").Groups[1].Value;
        var point = Convert.FromHexString(hex);
        point = point[1] == 0x81 ? point[3..] : point[2..];
        var half = (point.Length - 1) / 2;
        var curve = keyType.EndsWith("secp384r1", StringComparison.OrdinalIgnoreCase) ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256;
        using var ec = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = point[1..(1 + half)], Y = point[(1 + half)..] } });
        return PublicKey.CreateFromSubjectPublicKeyInfo(ec.ExportSubjectPublicKeyInfo(), out _);
    }

    private Task<string> ToolAsync(string? tokenLabel, params string[] arguments) =>
        RunAsync(Pkcs11ToolPath, ["--module", ModulePath, "--token-label", tokenLabel ?? Label, .. arguments]);

    private async Task<string> RunAsync(string tool, IEnumerable<string> arguments)
    {
        var environment = new Dictionary<string, string>(ProcessRunner.BaseEnvironment()) { ["SOFTHSM2_CONF"] = ConfigurationPath };
        var result = await ProcessRunner.RunAsync(tool, arguments, environment);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} failed: {result}");
        }

        return result.Stdout;
    }
}
