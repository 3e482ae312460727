using Amazon;
using Amazon.Runtime.Internal;

namespace AwsTempCredentials.Credentials;

/// <summary>
/// Keeps the AWS SDK away from <c>~/.aws/credentials</c> and <c>~/.aws/config</c> in runs that do not use existing
/// credentials. The SDK's process-wide configuration (<c>FallbackInternalConfigurationFactory</c>) reads both files
/// in a static initializer on the first client call, whatever the client's settings; one line it cannot parse then
/// fails every call with a TypeInitializationException that quotes the line. Such runs need nothing from these files.
/// </summary>
public static class SharedAwsFiles
{
    private const string CredentialsVariable = "AWS_SHARED_CREDENTIALS_FILE";
    private const string ConfigVariable = "AWS_CONFIG_FILE";
    private static readonly Lock Gate = new();
    private static bool _isolated;

    /// <summary>
    /// Runs the SDK's one-time configuration read against no files. Call before the first SDK client is used, and
    /// only when the run does not use the SDK's default credential chain (which reads the files on purpose).
    /// </summary>
    public static void KeepSdkAway()
    {
        lock (Gate)
        {
            if (_isolated)
            {
                return;
            }

            _isolated = true;

            // The SDK finds the files through AWSConfigs.AWSProfilesLocation, the two variables, or ~/.aws. Point the
            // first at a directory that does not exist and hide the variables just while the static initializer runs;
            // they are restored at once, before anything else in this process reads the environment.
            AWSConfigs.AWSProfilesLocation = Path.Combine(Path.GetTempPath(), $"aws-temp-credentials-none-{Guid.NewGuid():N}", "credentials");
            var credentials = Environment.GetEnvironmentVariable(CredentialsVariable);
            var config = Environment.GetEnvironmentVariable(ConfigVariable);
            try
            {
                Environment.SetEnvironmentVariable(CredentialsVariable, null);
                Environment.SetEnvironmentVariable(ConfigVariable, null);
                _ = FallbackInternalConfigurationFactory.RetryMode;
            }
            finally
            {
                Environment.SetEnvironmentVariable(CredentialsVariable, credentials);
                Environment.SetEnvironmentVariable(ConfigVariable, config);
            }
        }
    }
}
