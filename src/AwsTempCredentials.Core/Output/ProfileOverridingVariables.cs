namespace AwsTempCredentials.Output;

/// <summary>
/// Environment variables that the AWS CLI and SDKs prefer over a profile from the shared files, even when
/// <c>AWS_PROFILE</c> is set: static credentials and the web identity pair. A host that exports a profile must make
/// these empty for later steps when the machine's environment already holds them.
/// </summary>
public static class ProfileOverridingVariables
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_CREDENTIAL_EXPIRATION",
        "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
    ];

    /// <summary>The names set to a non-empty value in this environment.</summary>
    public static IReadOnlyList<string> PresentIn(Func<string, string?> environment) =>
        Names.Where(name => !string.IsNullOrEmpty(environment(name))).ToList();
}
