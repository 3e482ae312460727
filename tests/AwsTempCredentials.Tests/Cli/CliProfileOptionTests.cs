using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Cli;

/// <summary>--aws-profile means what aws-profile means in the GitHub action and the Azure DevOps task: write this profile.</summary>
public sealed class CliProfileOptionTests(CliWorld world) : IClassFixture<CliWorld>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("awstc-cli-profile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private List<string> RolesAnywhere()
    {
        var files = CliWorld.Pki.Leaf(TestKeyType.EcP256).WriteTo(Path.Combine(_directory, "leaf"));
        return [.. world.RolesAnywhereArguments(), "--certificate", files.CertificatePath, "--private-key", files.PrivateKeyPath, "--output", "none",
            "--credentials-file", Path.Combine(_directory, "credentials"), "--config-file", Path.Combine(_directory, "config")];
    }

    [Fact]
    public async Task Aws_profile_alone_writes_the_profile_and_keeps_its_other_settings()
    {
        File.WriteAllText(Path.Combine(_directory, "config"), "[profile deploy]\noutput = table\nrole_arn = arn:aws:iam::111122223333:role/stale\n");

        var result = await world.RunAsync([.. RolesAnywhere(), "--aws-profile", "deploy"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var config = File.ReadAllText(Path.Combine(_directory, "config"));
        Assert.Contains("output = table", config, StringComparison.Ordinal);
        Assert.DoesNotContain("role_arn", config, StringComparison.Ordinal);
        var issued = world.Aws.Credentials.Issued.Last();
        Assert.Contains($"[deploy]\naws_access_key_id = {issued.AccessKeyId}\n", File.ReadAllText(Path.Combine(_directory, "credentials")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_different_profile_names_are_an_option_error_and_nothing_is_written()
    {
        var result = await world.RunAsync([.. RolesAnywhere(), "--aws-profile", "deploy", "--write-profile", "other"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("write-profile", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "credentials")));
        SecretScan.AssertAbsent(result.AllOutput, world.IssuedSecrets(), "output");
    }
}
