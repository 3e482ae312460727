using AwsTempCredentials.Testing.Faults;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Cli;

/// <summary>
/// Every bad input and service failure: a clear message naming the cause, the documented exit code, nothing on
/// stdout, and no secret anywhere.
/// </summary>
public sealed class CliFailureTests(CliWorld world) : IClassFixture<CliWorld>, IDisposable
{
    private const string Passphrase = "s3cret-passphrase";
    private readonly string _directory = Directory.CreateTempSubdirectory("awstc-cli-fail-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public enum BadInput
    {
        UntrustedCa,
        ExpiredCertificate,
        NotYetValidCertificate,
        MismatchedKey,
        WrongPassphrase,
        MissingPassphrase,
        WrongPkcs12Password,
        CertificateWithoutKey,
        KeyInsideCertificateFile,
        NotACertificate,
        KeyFileMissing,
        PemOnCommandLine,
        SecretOnCommandLine,
        PassphraseEnvMissing,
        UnknownOutput,
        ProfileWithoutRole,
        TrustAnchorUnknown,
        DurationAboveProfile,
        MissingIntermediate,
        RsaLabelOnEcKey,
    }

    public static TheoryData<BadInput, int, string> Cases() => new()
    {
        { BadInput.UntrustedCa, 4, "does not chain to the CA of trust anchor" },
        { BadInput.ExpiredCertificate, 3, "expired on" },
        { BadInput.NotYetValidCertificate, 3, "is not valid yet: valid from" },
        { BadInput.MismatchedKey, 3, "does not belong to the certificate" },
        { BadInput.WrongPassphrase, 3, "could not be decrypted with the given private-key-passphrase" },
        { BadInput.MissingPassphrase, 3, "is encrypted and no passphrase was given" },
        { BadInput.WrongPkcs12Password, 3, "could not be opened with the given private-key-passphrase" },
        { BadInput.CertificateWithoutKey, 3, "without its private key" },
        { BadInput.KeyInsideCertificateFile, 3, "holds a private key" },
        { BadInput.NotACertificate, 3, "is not a PEM, DER or PKCS#12 certificate" },
        { BadInput.KeyFileMissing, 2, "private-key: file" },
        { BadInput.PemOnCommandLine, 2, "not PEM text on the command line" },
        { BadInput.SecretOnCommandLine, 2, "is not taken from the command line" },
        { BadInput.PassphraseEnvMissing, 2, "environment variable NO_SUCH_VARIABLE" },
        { BadInput.UnknownOutput, 2, "output: 'yaml' is not one of" },
        { BadInput.ProfileWithoutRole, 4, "Unable to assume role" },
        { BadInput.TrustAnchorUnknown, 4, "ResourceNotFoundException" },
        { BadInput.DurationAboveProfile, 4, "Lower role-duration-seconds" },
        { BadInput.MissingIntermediate, 4, "give intermediate CAs in certificate-chain" },
        { BadInput.RsaLabelOnEcKey, 3, "does not belong to the certificate" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_key_material_and_inputs_fail_clearly(BadInput failure, int exitCode, string message)
    {
        var environment = world.Environment();
        var (arguments, secrets) = Arguments(failure, environment);

        var result = await world.RunAsync(arguments, environment);

        Assert.True(result.ExitCode == exitCode, $"{failure}: {result}");
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unexpected error", result.Stderr, StringComparison.Ordinal);
        SecretScan.AssertAbsent(result.AllOutput, secrets.Concat(world.IssuedSecrets()), "output");
    }

    private (List<string> Arguments, List<string> Secrets) Arguments(BadInput failure, Dictionary<string, string> environment)
    {
        var pki = CliWorld.Pki;
        var good = pki.Leaf(TestKeyType.EcP256, viaIntermediate: true);
        var leaf = failure switch
        {
            BadInput.UntrustedCa => pki.UntrustedLeaf,
            BadInput.ExpiredCertificate => pki.ExpiredLeaf,
            BadInput.NotYetValidCertificate => pki.NotYetValidLeaf,
            BadInput.MismatchedKey => good.WithMismatchedKey(),
            _ => good,
        };
        string Write(string name, string text)
        {
            var path = Path.Combine(_directory, $"{failure}-{name}");
            File.WriteAllText(path, text);
            return path;
        }

        var secrets = new List<string> { leaf.PrivateKeyPkcs8Pem.Trim(), Passphrase, good.PrivateKeyPkcs8Pem.Trim() };
        var arguments = new List<string>(world.RolesAnywhereArguments());
        var certificate = Write("cert.pem", leaf.CertificatePem);
        var key = Write("key.pem", leaf.PrivateKeyPkcs8Pem);
        var chain = Write("chain.pem", leaf.ChainPem);
        environment["PASS"] = Passphrase;
        environment["WRONG_PASS"] = "not-the-passphrase";
        switch (failure)
        {
            case BadInput.WrongPassphrase:
                arguments.AddRange(["--certificate", certificate, "--private-key", Write("enc.pem", leaf.EncryptedPrivateKeyPem(Passphrase)), "--private-key-passphrase", "env:WRONG_PASS"]);
                break;
            case BadInput.MissingPassphrase:
                arguments.AddRange(["--certificate", certificate, "--private-key", Write("enc.pem", leaf.EncryptedPrivateKeyPem(Passphrase))]);
                break;
            case BadInput.WrongPkcs12Password:
                var p12 = Path.Combine(_directory, "bundle.p12");
                File.WriteAllBytes(p12, leaf.Pkcs12(Passphrase));
                arguments.AddRange(["--certificate", p12, "--private-key-passphrase", "env:WRONG_PASS"]);
                break;
            case BadInput.CertificateWithoutKey:
                arguments.AddRange(["--certificate", certificate]);
                break;
            case BadInput.KeyInsideCertificateFile:
                arguments.AddRange(["--certificate", Write("both.pem", leaf.CertificatePem + leaf.PrivateKeyPkcs8Pem), "--private-key", key]);
                break;
            case BadInput.NotACertificate:
                arguments.AddRange(["--certificate", Write("junk.bin", "this is not a certificate at all, just text"), "--private-key", key]);
                break;
            case BadInput.KeyFileMissing:
                arguments.AddRange(["--certificate", certificate, "--private-key", Path.Combine(_directory, "absent.pem")]);
                break;
            case BadInput.PemOnCommandLine:
                arguments.AddRange(["--certificate", certificate, "--private-key", leaf.PrivateKeyPkcs8Pem]);
                break;
            case BadInput.SecretOnCommandLine:
                arguments.AddRange(["--certificate", certificate, "--private-key", key, "--private-key-passphrase", Passphrase]);
                break;
            case BadInput.PassphraseEnvMissing:
                arguments.AddRange(["--certificate", certificate, "--private-key", key, "--private-key-passphrase", "env:NO_SUCH_VARIABLE"]);
                break;
            case BadInput.UnknownOutput:
                arguments.AddRange(["--certificate", certificate, "--private-key", key, "--output", "yaml"]);
                break;
            case BadInput.ProfileWithoutRole:
                arguments[5] = world.Aws.DefaultAccount.RoleArn("gitlab-deploy");
                arguments.AddRange(["--certificate", certificate, "--private-key", key, "--certificate-chain", chain]);
                break;
            case BadInput.TrustAnchorUnknown:
                arguments[1] = world.TrustAnchorArn[..^12] + "000000000000";
                arguments.AddRange(["--certificate", certificate, "--private-key", key, "--certificate-chain", chain]);
                break;
            case BadInput.DurationAboveProfile:
                var profile = world.Aws.AddProfile([world.DeployRole], durationSeconds: 900).Arn;
                arguments[3] = profile;
                arguments.AddRange(["--certificate", certificate, "--private-key", key, "--certificate-chain", chain, "--role-duration-seconds", "3600"]);
                break;
            case BadInput.MissingIntermediate:
                arguments.AddRange(["--certificate", certificate, "--private-key", key]);
                break;
            case BadInput.RsaLabelOnEcKey:
                var rsa = pki.Leaf(TestKeyType.Rsa2048);
                secrets.Add(rsa.PrivateKeyPkcs1Pem.Trim());
                arguments.AddRange(["--certificate", certificate, "--private-key", Write("rsa.pem", rsa.PrivateKeyPkcs1Pem), "--certificate-chain", chain]);
                break;
            default:
                arguments.AddRange(["--certificate", certificate, "--private-key", key, "--certificate-chain", chain]);
                break;
        }

        return (arguments, secrets);
    }

    private List<string> GoodArguments()
    {
        var files = CliWorld.Pki.Leaf(TestKeyType.EcP256, viaIntermediate: true).WriteTo(Path.Combine(_directory, "good"));
        return [.. world.RolesAnywhereArguments(), "--certificate", files.CertificatePath, "--private-key", files.PrivateKeyPath, "--certificate-chain", files.ChainPath!];
    }

    [Fact]
    public async Task A_hung_endpoint_hits_the_overall_deadline_with_exit_6()
    {
        world.Aws.RolesAnywhere.Faults.Enqueue(FaultKind.Hang, count: 5);

        var result = await world.RunAsync([.. GoodArguments(), "--action-timeout-s", "2"]);

        world.Aws.RolesAnywhere.Faults.Clear();
        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.Contains("deadline of 2 s", result.Stderr, StringComparison.Ordinal);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(15), $"took {result.Elapsed}");
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        var before = world.Aws.RolesAnywhere.Requests.Total;
        var environment = world.Environment();
        var (arguments, _) = Arguments(BadInput.UntrustedCa, environment);

        var result = await world.RunAsync(arguments, environment);

        Assert.Equal(4, result.ExitCode);
        Assert.Equal(before + 1, world.Aws.RolesAnywhere.Requests.Total);
    }

    [Fact]
    public async Task Help_lists_every_option()
    {
        var result = await world.RunAsync(["--help"]);

        Assert.Equal(0, result.ExitCode);
        foreach (var option in AwsTempCredentials.Options.OptionNames.All)
        {
            Assert.Contains("--" + option + " ", result.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("Exit codes", result.Stdout, StringComparison.Ordinal);
    }
}
