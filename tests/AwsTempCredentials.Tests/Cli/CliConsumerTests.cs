using System.Text.RegularExpressions;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Cli;

/// <summary>The AWS CLI — a real consumer — uses what each output mode produced, against the fake STS.</summary>
public sealed partial class CliConsumerTests(CliWorld world) : IClassFixture<CliWorld>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("awstc-cli-consumer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [GeneratedRegex(@"^export (?<name>[A-Z_]+)='(?<value>[^']*)'$", RegexOptions.Multiline)]
    private static partial Regex ExportLine();

    private List<string> RolesAnywhere(TestKeyType keyType = TestKeyType.EcP256)
    {
        var files = CliWorld.Pki.Leaf(keyType, viaIntermediate: true).WriteTo(Path.Combine(_directory, keyType.ToString()));
        return [.. world.RolesAnywhereArguments(), "--certificate", files.CertificatePath, "--private-key", files.PrivateKeyPath, "--certificate-chain", files.ChainPath!];
    }

    [Fact]
    public async Task The_env_output_works_in_a_shell_for_the_aws_cli()
    {
        var result = await world.RunAsync([.. RolesAnywhere(), "--output", "env", "--aws-region", "eu-west-1"]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var exported = ExportLine().Matches(result.Stdout).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
        Assert.Equal(["AWS_ACCESS_KEY_ID", "AWS_CREDENTIAL_EXPIRATION", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"], exported.Keys.Order());

        // What `eval "$(aws-temp-credentials …)"` gives: run the export lines in a real shell, then the AWS CLI.
        var script = result.Stdout + $"exec {Requires.AwsCli()} sts get-caller-identity --endpoint-url '{world.Aws.StsUrl}' --query Arn --output text\n";
        var shell = await ProcessRunner.RunAsync("/bin/sh", ["-c", script], new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["HOME"] = world.Home });
        Assert.True(shell.ExitCode == 0, shell.ToString());
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/deploy/", shell.Stdout.Trim(), StringComparison.Ordinal);
        SecretScan.AssertAbsent(result.Stderr + shell.Stderr, world.IssuedSecrets(), "stderr");
    }

    [Fact]
    public async Task The_dotenv_output_gives_the_aws_cli_working_variables()
    {
        var result = await world.RunAsync([.. RolesAnywhere(TestKeyType.Rsa2048), "--output", "dotenv"]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var variables = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var identity = await world.AwsCliCallerIdentityAsync(variables);

        Assert.Equal("111122223333", identity.GetProperty("Account").GetString());
    }

    [Fact]
    public async Task A_written_profile_works_for_the_aws_cli_and_keeps_other_profiles()
    {
        var credentials = Path.Combine(_directory, "credentials");
        var config = Path.Combine(_directory, "config");
        File.WriteAllText(credentials, "[keep]\naws_access_key_id = AKIAKEEPKEEPKEEPKEEP\naws_secret_access_key = keep\n");

        var result = await world.RunAsync([.. RolesAnywhere(), "--output", "none", "--write-profile", "deploy",
            "--credentials-file", credentials, "--config-file", config, "--aws-region", "eu-central-1"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("[keep]\naws_access_key_id = AKIAKEEPKEEPKEEPKEEP\n", File.ReadAllText(credentials), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials));
        var identity = await world.AwsCliCallerIdentityAsync(new Dictionary<string, string>
        {
            ["AWS_SHARED_CREDENTIALS_FILE"] = credentials,
            ["AWS_CONFIG_FILE"] = config,
            ["AWS_PROFILE"] = "deploy",
        });
        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/deploy/", identity.GetProperty("Arn").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_process_profile_refreshes_through_the_binary()
    {
        var files = CliGlobalFiles();
        var config = Path.Combine(_directory, "config");
        var command = string.Join(' ', (string[])[ProductBinary.Path, .. world.RolesAnywhereArguments(), "--certificate", files.CertificatePath, "--private-key", files.PrivateKeyPath, "--output", "credential-process"]);
        File.WriteAllText(config, $"[profile refreshing]\nregion = us-east-1\ncredential_process = {command}\n");
        var before = world.Aws.CreateSessionRequests.Count;

        var environment = world.Environment();
        environment["AWS_CONFIG_FILE"] = config;
        environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_directory, "none");
        environment["AWS_PROFILE"] = "refreshing";
        environment["PATH"] = "/usr/bin:/bin";
        var identity = await world.AwsCliCallerIdentityAsync(environment);

        Assert.StartsWith("arn:aws:sts::111122223333:assumed-role/deploy/", identity.GetProperty("Arn").GetString(), StringComparison.Ordinal);
        Assert.True(world.Aws.CreateSessionRequests.Count > before, "The AWS CLI did not run the credential_process.");
    }

    private TestCertificateFiles CliGlobalFiles() => CliWorld.Pki.Leaf(TestKeyType.EcP384).WriteTo(Path.Combine(_directory, "process"));
}

/// <summary>The same consumers over TLS: a broken CA setup cannot hide behind plain HTTP.</summary>
public sealed class CliTlsTests(CliTlsWorld fixture) : IClassFixture<CliTlsWorld>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("awstc-cli-tls-").FullName;

    private CliWorld World => fixture.World;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Roles_anywhere_and_sts_over_tls_trusted_through_aws_ca_bundle()
    {
        var files = CliWorld.Pki.Leaf(TestKeyType.Rsa2048, viaIntermediate: true).WriteTo(_directory);
        Assert.Equal("https", World.Aws.StsUrl.Scheme);

        var result = await World.RunAsync([.. World.RolesAnywhereArguments(), "--certificate", files.CertificatePath, "--private-key", files.PrivateKeyPath,
            "--certificate-chain", files.ChainPath!, "--output", "dotenv"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var variables = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var identity = await World.AwsCliCallerIdentityAsync(variables);
        Assert.Equal("111122223333", identity.GetProperty("Account").GetString());
    }

    [Fact]
    public async Task Trust_through_ssl_cert_file_works_too()
    {
        var files = CliWorld.Pki.Leaf(TestKeyType.EcP256).WriteTo(_directory);
        var environment = World.Environment();
        environment.Remove("AWS_CA_BUNDLE");
        environment["SSL_CERT_FILE"] = World.Aws.CaBundlePath!;

        var result = await World.RunAsync([.. World.RolesAnywhereArguments(), "--certificate", files.CertificatePath, "--private-key", files.PrivateKeyPath], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task An_untrusted_server_certificate_fails_clearly_and_prints_nothing()
    {
        var files = CliWorld.Pki.Leaf(TestKeyType.EcP256).WriteTo(_directory);
        var environment = World.Environment();
        environment.Remove("AWS_CA_BUNDLE");

        var result = await World.RunAsync([.. World.RolesAnywhereArguments(), "--certificate", files.CertificatePath, "--private-key", files.PrivateKeyPath,
            "--retry-max-attempts", "1"], environment);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Contains("TLS", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("AWS_CA_BUNDLE", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untrusted_server_is_not_retried_and_not_called_a_key_problem()
    {
        var files = CliWorld.Pki.Leaf(TestKeyType.EcP256).WriteTo(_directory);
        var environment = World.Environment();
        environment.Remove("AWS_CA_BUNDLE");

        var result = await World.RunAsync([.. World.RolesAnywhereArguments(), "--certificate", files.CertificatePath, "--private-key", files.PrivateKeyPath], environment);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains($"The TLS certificate of Roles Anywhere CreateSession at {World.Aws.RolesAnywhereUrl} is not trusted", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("next attempt", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_ca_bundle_is_an_option_error_naming_aws_ca_bundle()
    {
        var files = CliWorld.Pki.Leaf(TestKeyType.EcP256).WriteTo(_directory);
        var notPem = Path.Combine(_directory, "bundle.txt");
        File.WriteAllText(notPem, "not a certificate");
        foreach (var bundle in new[] { notPem, Path.Combine(_directory, "missing.pem") })
        {
            var environment = World.Environment();
            environment["AWS_CA_BUNDLE"] = bundle;

            var result = await World.RunAsync([.. World.RolesAnywhereArguments(), "--certificate", files.CertificatePath, "--private-key", files.PrivateKeyPath], environment);

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains($"AWS_CA_BUNDLE: '{bundle}'", result.Stderr, StringComparison.Ordinal);
            Assert.Equal(string.Empty, result.Stdout);
        }
    }
}
