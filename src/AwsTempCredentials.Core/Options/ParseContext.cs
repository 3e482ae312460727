namespace AwsTempCredentials.Options;

/// <summary>What the host knows that the options do not say.</summary>
public sealed record ParseContext
{
    /// <summary>Session name used when <c>role-session-name</c> is not given (sanitised by the parser).</summary>
    public string DefaultSessionName { get; init; } = "aws-temp-credentials";

    /// <summary>True when the host can fetch an OIDC token itself (a CI platform's ID-token endpoint).</summary>
    public bool HostProvidesWebIdentityToken { get; init; }

    /// <summary>Session tags the host adds to AssumeRole with access keys (GitHub's Repository, Workflow, …).</summary>
    public IReadOnlyList<SessionTag> DefaultSessionTags { get; init; } = [];

    /// <summary>
    /// The way to authenticate when the host chose it itself (the Azure DevOps task's pick list); null: the
    /// <c>auth-method</c> option, or else what the options point at, decides.
    /// </summary>
    public AuthMethod? AuthMethod { get; init; }

    /// <summary>One attempt per call and no waiting out throttling (GitHub's <c>disable-retry</c>), whatever the retry options say.</summary>
    public bool SingleAttempt { get; init; }

    public static ParseContext Default { get; } = new();
}
