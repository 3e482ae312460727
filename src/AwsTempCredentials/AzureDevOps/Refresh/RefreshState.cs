using System.Text;
using System.Text.Json;
using AwsTempCredentials.AzureDevOps.Inputs;
using AwsTempCredentials.Errors;

namespace AwsTempCredentials.AzureDevOps.Refresh;

/// <summary>
/// What a <c>credential_process</c> refresh needs to request a fresh OIDC token after the task's step has ended:
/// the job's access token, where to ask, and for which service connection. Written 0600 to the agent's temp
/// directory and removed by the post-job step; the agent revokes the access token when the job ends anyway.
/// </summary>
internal static class RefreshState
{
    public const string ConnectionIdKey = "AWSTC_SERVICE_CONNECTION_ID";

    private static readonly string[] Variables =
    [
        AgentVariables.SystemTokenVariable, "SYSTEM_OIDCREQUESTURI", "SYSTEM_COLLECTIONURI", "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI",
        "SYSTEM_TEAMPROJECTID", "SYSTEM_HOSTTYPE", "SYSTEM_PLANID", "SYSTEM_JOBID",
    ];

    public static string Serialize(Func<string, string?> environment, string connectionId)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString(ConnectionIdKey, connectionId);
            foreach (var name in Variables)
            {
                if (environment(name) is { Length: > 0 } value)
                {
                    writer.WriteString(name, value);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            throw new PlatformException(
                $"The refresh state '{path}' cannot be read: {e.Message}",
                "The profile refreshes only within the job that wrote it; the post-job step removes this file when the job ends.", e);
        }
    }
}
