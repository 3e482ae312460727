using AwsTempCredentials.Options;

namespace AwsTempCredentials.AzureDevOps.Inputs;

/// <summary>The pipeline and agent variables the task reads (env names as the agent writes them).</summary>
internal sealed class AgentVariables(Func<string, string?> environment)
{
    public const string SystemTokenVariable = "ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN";

    public string? CollectionUri => Get("SYSTEM_COLLECTIONURI") ?? Get("SYSTEM_TEAMFOUNDATIONCOLLECTIONURI");

    public string? TeamProjectId => Get("SYSTEM_TEAMPROJECTID");

    public string? HostType => Get("SYSTEM_HOSTTYPE");

    public string? PlanId => Get("SYSTEM_PLANID");

    public string? JobId => Get("SYSTEM_JOBID");

    public string? OidcRequestUri => Get("SYSTEM_OIDCREQUESTURI");

    public string? TempDirectory => Get("AGENT_TEMPDIRECTORY");

    /// <summary>The job's access token (System.AccessToken), from the SystemVssConnection endpoint.</summary>
    public string? SystemToken => Get(SystemTokenVariable);

    /// <summary>Project, pipeline and run (build or release), for the default role session name (sanitised by the core).</summary>
    public string DefaultSessionName()
    {
        var parts = new[]
        {
            Get("SYSTEM_TEAMPROJECT"),
            Get("BUILD_DEFINITIONNAME") ?? Get("RELEASE_DEFINITIONNAME"),
            Get("BUILD_BUILDNUMBER") ?? Get("RELEASE_RELEASENAME"),
        }.OfType<string>().ToList();
        return parts.Count == 0 ? new ParseContext().DefaultSessionName : SessionName.Sanitize(string.Join('-', parts));
    }

    private string? Get(string name) => environment(name) is { Length: > 0 } value ? value.Trim() : null;
}
