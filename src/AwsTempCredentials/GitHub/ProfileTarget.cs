using AwsTempCredentials.Errors;
using AwsTempCredentials.Options;
using AwsTempCredentials.Output;

namespace AwsTempCredentials.GitHub;

/// <summary>
/// Where <c>aws-profile</c> goes: <c>AWS_SHARED_CREDENTIALS_FILE</c>/<c>AWS_CONFIG_FILE</c>, else <c>$HOME/.aws</c>
/// (in a container action HOME is <c>/github/home</c>, the runner's home for container steps). Like
/// configure-aws-credentials, an existing profile is replaced only with <c>overwrite-aws-profile: true</c>.
/// </summary>
internal sealed class ProfileTarget(string credentialsFile, string configFile)
{
    public AwsProfileWriter Writer { get; } = new(credentialsFile, configFile);

    public static ProfileTarget FromEnvironment(Func<string, string?> environment)
    {
        var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new ProfileTarget(
            environment("AWS_SHARED_CREDENTIALS_FILE") is { Length: > 0 } c ? c : Path.Combine(home, ".aws", "credentials"),
            environment("AWS_CONFIG_FILE") is { Length: > 0 } f ? f : Path.Combine(home, ".aws", "config"));
    }

    /// <summary>Refuses, before anything is fetched or written, to replace a profile without overwrite-aws-profile.</summary>
    public void EnsureWritable(string profile, bool overwrite)
    {
        if (overwrite)
        {
            return;
        }

        foreach (var (file, header) in new[] { (Writer.CredentialsFile, profile), (Writer.ConfigFile, profile == "default" ? "default" : $"profile {profile}") })
        {
            if (File.Exists(file) && IniDocument.Parse(File.ReadAllText(file)).HasSection(header))
            {
                throw new InvalidOptionsException([new OptionError(OptionNames.AwsProfile,
                    $"profile '{profile}' already exists in {file}; set overwrite-aws-profile: true to replace it.")]);
            }
        }
    }
}
