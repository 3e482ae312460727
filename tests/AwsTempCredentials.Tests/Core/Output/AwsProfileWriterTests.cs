using AwsTempCredentials.Credentials;
using AwsTempCredentials.Output;

namespace AwsTempCredentials.Tests.Core.Output;

public sealed class AwsProfileWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("awstc-profile-").FullName;

    private string CredentialsFile => Path.Combine(_directory, "credentials");

    private string ConfigFile => Path.Combine(_directory, "config");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Writes_a_new_profile_pair_readable_by_the_owner_only()
    {
        new AwsProfileWriter(CredentialsFile, ConfigFile).WriteCredentials("ci", new SessionCredentials("ASIAEXAMPLE", "secret", "token", null), "eu-west-1");

        Assert.Equal("[ci]\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = secret\naws_session_token = token\n", File.ReadAllText(CredentialsFile));
        Assert.Equal("[profile ci]\nregion = eu-west-1\n", File.ReadAllText(ConfigFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CredentialsFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ConfigFile));
    }

    [Fact]
    public void Replaces_only_its_own_profile_and_keeps_every_other_line()
    {
        const string existing = "# my keys\n[default]\naws_access_key_id = AKIAOLD\naws_secret_access_key = old ; comment\n\n[ci]\naws_access_key_id = STALE\naws_secret_access_key = stale\naws_session_token = stale\n\n[other]\nregion=us-east-1\n";
        File.WriteAllText(CredentialsFile, existing);
        File.WriteAllText(ConfigFile, "[default]\nregion = us-west-2\noutput = json\n");

        new AwsProfileWriter(CredentialsFile, ConfigFile).WriteCredentials("ci", new SessionCredentials("ASIANEW", "new", null, null), null);

        var text = File.ReadAllText(CredentialsFile);
        Assert.Equal("# my keys\n[default]\naws_access_key_id = AKIAOLD\naws_secret_access_key = old ; comment\n\n[ci]\naws_access_key_id = ASIANEW\naws_secret_access_key = new\n\n[other]\nregion=us-east-1\n", text);
        Assert.Equal("[default]\nregion = us-west-2\noutput = json\n\n[profile ci]\n", File.ReadAllText(ConfigFile));
    }

    [Fact]
    public void A_credential_process_profile_drops_static_keys_of_that_profile()
    {
        var writer = new AwsProfileWriter(CredentialsFile, ConfigFile);
        writer.WriteCredentials("default", new SessionCredentials("ASIAEXAMPLEEXAMPLE1", "s", "t", null), "us-east-1");

        writer.WriteCredentialProcess("default", "/opt/aws-temp-credentials --output credential-process", "us-east-1");

        Assert.DoesNotContain("ASIA1", File.ReadAllText(CredentialsFile), StringComparison.Ordinal);
        Assert.Equal("[default]\nregion = us-east-1\ncredential_process = /opt/aws-temp-credentials --output credential-process\n", File.ReadAllText(ConfigFile));
    }

    [Fact]
    public void No_temporary_file_is_left_behind()
    {
        var writer = new AwsProfileWriter(CredentialsFile, ConfigFile);
        writer.WriteCredentials("a", new SessionCredentials("ASIAEXAMPLEEXAMPLE1", "s", "t", null), null);
        writer.WriteCredentials("b", new SessionCredentials("ASIA2", "s", "t", null), null);

        Assert.Equal(["config", "credentials"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Rewriting_a_profile_keeps_its_other_settings_and_drops_conflicting_credential_sources()
    {
        File.WriteAllText(CredentialsFile, "[ci]\naws_access_key_id = AKIAOLD\naws_secret_access_key = old\n# keep this note\n");
        File.WriteAllText(ConfigFile,
            "[profile ci]\nregion = us-west-2\noutput = table\nrole_arn = arn:aws:iam::111122223333:role/old\nsource_profile = base\n" +
            "s3 =\n  max_concurrent_requests = 20\n  multipart_threshold = 64MB\nsso_session = corp\nsso_account_id = 111122223333\n" +
            "credential_process = /usr/bin/old-helper\n\n[profile ci]\ncli_pager =\n");

        new AwsProfileWriter(CredentialsFile, ConfigFile).WriteCredentials("ci", new SessionCredentials("ASIANEW", "new", "token", null), "eu-west-1");

        Assert.Equal("[ci]\n# keep this note\naws_access_key_id = ASIANEW\naws_secret_access_key = new\naws_session_token = token\n", File.ReadAllText(CredentialsFile));
        Assert.Equal(
            "[profile ci]\noutput = table\ns3 =\n  max_concurrent_requests = 20\n  multipart_threshold = 64MB\ncli_pager =\nregion = eu-west-1\n",
            File.ReadAllText(ConfigFile));
    }

    [Fact]
    public void A_credential_process_profile_keeps_unrelated_settings_and_removes_static_keys()
    {
        File.WriteAllText(CredentialsFile, "[ci]\naws_access_key_id = AKIAOLD\naws_secret_access_key = old\n");
        File.WriteAllText(ConfigFile, "[profile ci]\noutput = json\nrole_arn = arn:aws:iam::111122223333:role/old\n");

        new AwsProfileWriter(CredentialsFile, ConfigFile).WriteCredentialProcess("ci", "/opt/aws-temp-credentials --output credential-process", null);

        Assert.Equal(string.Empty, File.ReadAllText(CredentialsFile));
        Assert.Equal("[profile ci]\noutput = json\ncredential_process = /opt/aws-temp-credentials --output credential-process\n", File.ReadAllText(ConfigFile));
    }
}
