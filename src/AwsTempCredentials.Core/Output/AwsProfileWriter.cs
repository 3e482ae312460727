using AwsTempCredentials.Credentials;
using AwsTempCredentials.IO;

namespace AwsTempCredentials.Output;

/// <summary>
/// Writes one named profile into an AWS shared credentials file and config file pair, leaving other profiles
/// untouched. Both files are updated as one transaction (see <see cref="ProfileUpdate"/>): under a lock file next to
/// each, staged to temporary files (mode 0600), then replaced by a rename each. A path that is a device, FIFO or
/// directory (e.g. <c>/dev/null</c> to disable the file) is refused, never replaced.
/// </summary>
public sealed class AwsProfileWriter(string credentialsFile, string configFile)
{
    public string CredentialsFile { get; } = credentialsFile;

    public string ConfigFile { get; } = configFile;

    /// <summary>How long to wait for another run holding the files' lock.</summary>
    public TimeSpan LockWait { get; init; } = FileLock.DefaultWait;

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

    /// <summary>The file that already holds this profile (credentials first), or null. Unreadable files count as not holding it.</summary>
    public string? FileHolding(string profile) =>
        new[] { (CredentialsFile, profile), (ConfigFile, ConfigHeader(profile)) }
            .Where(f => Holds(f.Item1, f.Item2))
            .Select(f => f.Item1)
            .FirstOrDefault();

    /// <summary>Stages static credentials in the credentials file and the region in the config file; nothing is visible until committed.</summary>
    public ProfileUpdate StageCredentials(string profile, SessionCredentials credentials, string? region, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ProfileName.Ensure("profile", profile);
        var values = new List<KeyValuePair<string, string>>
        {
            new("aws_access_key_id", credentials.AccessKeyId),
            new("aws_secret_access_key", credentials.SecretAccessKey),
        };
        if (credentials.SessionToken is { } token)
        {
            values.Add(new("aws_session_token", token));
        }

        return new ProfileUpdate(
        [
            (CredentialsFile, document => document.UpdateSection(profile, values, IsCredentialSetting)),
            (ConfigFile, document => document.UpdateSection(ConfigHeader(profile), RegionValues(region), IsCredentialSetting, keepEmpty: true)),
        ], LockWait, cancellationToken);
    }

    /// <summary>Stages a profile that runs a command for fresh credentials each time they are needed.</summary>
    public ProfileUpdate StageCredentialProcess(string profile, string command, string? region, CancellationToken cancellationToken = default)
    {
        ProfileName.Ensure("profile", profile);
        if (command.Contains('\n', StringComparison.Ordinal) || command.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException("A credential_process command must be one line.", nameof(command));
        }

        var values = RegionValues(region).Append(new("credential_process", command));
        return new ProfileUpdate(
        [
            (CredentialsFile, document => document.UpdateSection(profile, [], IsCredentialSetting)),
            (ConfigFile, document => document.UpdateSection(ConfigHeader(profile), values, IsCredentialSetting)),
        ], LockWait, cancellationToken);
    }

    /// <summary>Static credentials in the credentials file, region in the config file: both or neither.</summary>
    public void WriteCredentials(string profile, SessionCredentials credentials, string? region)
    {
        using var update = StageCredentials(profile, credentials, region);
        update.Commit();
    }

    /// <summary>A <c>credential_process</c> profile: both files or neither.</summary>
    public void WriteCredentialProcess(string profile, string command, string? region)
    {
        using var update = StageCredentialProcess(profile, command, region);
        update.Commit();
    }

    /// <summary>Writes a file readable by its owner only, replacing any old one in one rename.</summary>
    public static void WriteAtomically(string path, string content)
    {
        using var staged = StagedFile.Write(path, content);
        staged.Publish();
    }

    /// <summary>
    /// The settings that say where a profile's credentials come from. Writing credentials replaces all of them, so
    /// no stale role_arn, source_profile, credential_process or SSO setting outranks or contradicts what was written;
    /// every other setting of the profile (output, s3, retries …) stays.
    /// </summary>
    public static bool IsCredentialSetting(string key) =>
        key is "aws_access_key_id" or "aws_secret_access_key" or "aws_session_token" or "aws_security_token" or "aws_credential_expiration"
            or "role_arn" or "source_profile" or "credential_source" or "credential_process" or "web_identity_token_file"
            or "role_session_name" or "external_id" or "mfa_serial" or "duration_seconds"
        || key.StartsWith("sso_", StringComparison.Ordinal);

    private static string ConfigHeader(string profile) => profile == "default" ? "default" : $"profile {profile}";

    private static List<KeyValuePair<string, string>> RegionValues(string? region) =>
        region is null ? [] : [new("region", region)];

    private static bool Holds(string path, string header)
    {
        try
        {
            return FileKinds.Of(path) == FileKind.Regular
                && new FileInfo(path).Length <= ProfileUpdate.MaxFileBytes
                && IniDocument.Parse(File.ReadAllText(path)).HasSection(header);
        }
        catch (Exception e) when (FileProblems.IsFileSystemFailure(e))
        {
            return false;
        }
    }
}
