using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.GitHub;

/// <summary>The <c>refresh</c> and <c>allow-private-key-on-disk</c> inputs, checked against where the step runs.</summary>
internal sealed record RefreshSettings(bool Refresh, bool AllowPrivateKeyOnDisk)
{
    public const string RefreshInput = "refresh";
    public const string AllowPrivateKeyOnDiskInput = "allow-private-key-on-disk";

    /// <param name="onRunner">
    /// True for the JavaScript action, whose executable stays on the runner for later steps; false for the container
    /// action, whose executable is gone with its container.
    /// </param>
    public static RefreshSettings Read(InputVariables inputs, bool onRunner)
    {
        var errors = new List<OptionError>();
        var settings = new RefreshSettings(
            inputs.GetBoolean(RefreshInput, false, errors),
            inputs.GetBoolean(AllowPrivateKeyOnDiskInput, false, errors));
        if (settings.Refresh && !onRunner)
        {
            errors.Add(new OptionError(RefreshInput,
                "needs the JavaScript action (uses: <owner>/<repo>@node-v1): later steps run on the runner, where the container action's executable " +
                "does not exist, so a profile cannot run it again. Use the JavaScript action, or leave refresh off and choose a role-duration-seconds that outlasts the job."));
        }

        if (settings.Refresh && inputs.Get(OptionNames.Pkcs11Uri) is not null)
        {
            // Each refresh would need the token's PIN, which would then sit on the runner's disk for the whole job.
            errors.Add(new OptionError(RefreshInput,
                "is not supported with pkcs11-uri: every refresh would log in to the token again, so the PIN would have to stay on the runner's disk. " +
                "Leave refresh off and choose a role-duration-seconds that outlasts the job."));
        }

        // A key in the OS certificate store stays there: each refresh signs through the store again.
        var keyInStore = inputs.Get(OptionNames.CertSelector) is not null && inputs.Get(OptionNames.PrivateKey) is null && inputs.Get(OptionNames.Certificate) is null;
        if (settings.Refresh && inputs.Get(OptionNames.Pkcs11Uri) is null && inputs.Get(OptionNames.TrustAnchorArn) is not null && !settings.AllowPrivateKeyOnDisk && !keyInStore)
        {
            errors.Add(new OptionError(RefreshInput,
                "with Roles Anywhere needs the private key on the runner's disk for the rest of the job, which this action does not do unless you also set " +
                "allow-private-key-on-disk: true (the key is written 0600 under RUNNER_TEMP and removed by the post step). Either set it, " +
                "or leave refresh off and choose a role-duration-seconds that outlasts the job."));
        }

        if (settings.Refresh && inputs.Get(OptionNames.AwsProfile) is not null)
        {
            errors.Add(new OptionError(RefreshInput, "writes its own profile (AWS_CONFIG_FILE and AWS_PROFILE for later steps); leave aws-profile out."));
        }

        return errors.Count > 0 ? throw new InvalidOptionsException(errors) : settings;
    }
}
