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

    public static ParseContext Default { get; } = new();
}
