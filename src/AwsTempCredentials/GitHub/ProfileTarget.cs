using AwsTempCredentials.Credentials;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Handoff;
using AwsTempCredentials.Options;
using AwsTempCredentials.Output;

namespace AwsTempCredentials.GitHub;

/// <summary>
/// Where <c>aws-profile</c> goes: <c>AWS_SHARED_CREDENTIALS_FILE</c>/<c>AWS_CONFIG_FILE</c>, else <c>$HOME/.aws</c>
/// (in a container action HOME is <c>/github/home</c>, the runner's home for container steps). Like
/// configure-aws-credentials, an existing profile is replaced only with <c>overwrite-aws-profile: true</c>.
/// </summary>
internal sealed class ProfileTarget(AwsProfileWriter writer)
{
    public AwsProfileWriter Writer { get; } = writer;

    public static ProfileTarget FromEnvironment(Func<string, string?> environment) => new(AwsProfileWriter.ForEnvironment(environment));

    /// <summary>The profile as one target of the step's hand-off: restored (or removed) if a later target fails.</summary>
    public IHandoffTarget Stage(string profile, CredentialResult result) => new ReplacedFiles(
        $"AWS profile '{profile}'",
        [Writer.CredentialsFile, Writer.ConfigFile],
        () => Writer.WriteCredentials(profile, result.Credentials, result.Region),
        "HOME (or AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE) must name writable files in a writable directory.");

    /// <summary>Refuses, before anything is fetched or written, to replace a profile without overwrite-aws-profile.</summary>
    public void EnsureWritable(string profile, bool overwrite)
    {
        if (overwrite)
        {
            return;
        }

        if (Writer.FileHolding(profile) is { } file)
        {
            throw new InvalidOptionsException([new OptionError(OptionNames.AwsProfile,
                $"profile '{profile}' already exists in {file}; set overwrite-aws-profile: true to replace it.")]);
        }
    }
}
