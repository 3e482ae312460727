using AwsTempCredentials.Credentials;

namespace AwsTempCredentials.Output;

/// <summary>
/// Writes one named profile into an AWS shared credentials file and config file pair, leaving other profiles
/// untouched. Files are mode 0600 and replaced atomically (write a temporary file, then rename).
/// </summary>
public sealed class AwsProfileWriter(string credentialsFile, string configFile)
{
    public string CredentialsFile { get; } = credentialsFile;

    public string ConfigFile { get; } = configFile;

    /// <summary>
    /// The files the AWS CLI and SDKs read: <c>AWS_SHARED_CREDENTIALS_FILE</c> and <c>AWS_CONFIG_FILE</c>, else
    /// <c>$HOME/.aws/credentials</c> and <c>$HOME/.aws/config</c>.
    /// </summary>
    public static AwsProfileWriter ForEnvironment(Func<string, string?> environment)
    {
        var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new AwsProfileWriter(
            environment("AWS_SHARED_CREDENTIALS_FILE") is { Length: > 0 } credentials ? credentials : Path.Combine(home, ".aws", "credentials"),
            environment("AWS_CONFIG_FILE") is { Length: > 0 } config ? config : Path.Combine(home, ".aws", "config"));
    }

    /// <summary>The file that already holds this profile (credentials first), or null.</summary>
    public string? FileHolding(string profile) =>
        new[] { (CredentialsFile, profile), (ConfigFile, ConfigHeader(profile)) }
            .Where(f => File.Exists(f.Item1) && IniDocument.Parse(File.ReadAllText(f.Item1)).HasSection(f.Item2))
            .Select(f => f.Item1)
            .FirstOrDefault();

    /// <summary>Static credentials in the credentials file, region in the config file.</summary>
    public void WriteCredentials(string profile, SessionCredentials credentials, string? region)
    {
        var values = new List<KeyValuePair<string, string>>
        {
            new("aws_access_key_id", credentials.AccessKeyId),
            new("aws_secret_access_key", credentials.SecretAccessKey),
        };
        if (credentials.SessionToken is { } token)
        {
            values.Add(new("aws_session_token", token));
        }

        Edit(CredentialsFile, document => document.SetSection(profile, values));
        Edit(ConfigFile, document => document.SetSection(ConfigHeader(profile), RegionValues(region)));
    }

    /// <summary>A profile that runs a command for fresh credentials each time they are needed.</summary>
    public void WriteCredentialProcess(string profile, string command, string? region)
    {
        Edit(CredentialsFile, document => document.RemoveSection(profile));
        var values = RegionValues(region).Append(new("credential_process", command));
        Edit(ConfigFile, document => document.SetSection(ConfigHeader(profile), values));
    }

    private static string ConfigHeader(string profile) => profile == "default" ? "default" : $"profile {profile}";

    private static List<KeyValuePair<string, string>> RegionValues(string? region) =>
        region is null ? [] : [new("region", region)];

    private static void Edit(string path, Action<IniDocument> change)
    {
        var document = IniDocument.Parse(File.Exists(path) ? File.ReadAllText(path) : string.Empty);
        change(document);
        WriteAtomically(path, document.ToString());
    }

    /// <summary>Writes a file readable by its owner only, replacing any old one in one rename.</summary>
    public static void WriteAtomically(string path, string content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
