namespace AwsTempCredentials.GitHub;

/// <summary>
/// Inputs of aws-actions/configure-aws-credentials that are about the GitHub step rather than the credentials, so
/// they are this host's own (the canonical options are in <see cref="Options.OptionNames"/>).
/// </summary>
internal static class CompatibilityInputNames
{
    public const string OutputCredentials = "output-credentials";
    public const string OutputEnvCredentials = "output-env-credentials";
    public const string DisableRetry = "disable-retry";
    public const string UnsetCurrentCredentials = "unset-current-credentials";
    public const string UseExistingCredentials = "use-existing-credentials";
    public const string ForceSkipOidc = "force-skip-oidc";
    public const string CustomTags = "custom-tags";
    public const string OverwriteAwsProfile = "overwrite-aws-profile";
    public const string HttpProxy = "http-proxy";
    public const string NoProxy = "no-proxy";
    public const string StsEndpoint = "sts-endpoint";
    public const string SpecialCharactersWorkaround = "special-characters-workaround";
}
