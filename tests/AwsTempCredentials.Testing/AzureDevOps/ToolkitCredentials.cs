namespace AwsTempCredentials.Testing.AzureDevOps;

/// <summary>
/// What a later AWS Toolkit for Azure DevOps task resolves from the job's variables, as its
/// <c>awsConnectionParameters.ts</c> does when the task has no service connection of its own: the job's variable store
/// keeps the last value set for each name (names compare case-insensitively); <c>AWS.AccessKeyID</c> empty means
/// "no credentials from variables" and the AWS SDK's own chain (environment, then the profile — with
/// <c>AWS_SDK_LOAD_CONFIG=1</c> the config file and its <c>credential_process</c>) is used; otherwise the secret key
/// must be there too, and an empty <c>AWS.SessionToken</c> means no token.
/// </summary>
public sealed record ToolkitCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken)
{
    /// <summary>The credentials from variables after these task runs (in job order), or null when the toolkit falls back to the SDK chain.</summary>
    public static ToolkitCredentials? Resolve(params LoggingCommandParser[] runs)
    {
        var store = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var command in runs.SelectMany(r => r.SetVariables))
        {
            store[command.Property("variable") ?? string.Empty] = command.Data;
        }

        if (store.GetValueOrDefault("AWS.AccessKeyID") is not { Length: > 0 } accessKeyId)
        {
            return null;
        }

        var secret = store.GetValueOrDefault("AWS.SecretAccessKey") is { Length: > 0 } s
            ? s
            : throw new InvalidOperationException("AWS access key ID present in task variables but secret key value is missing (the toolkit fails the task).");
        return new ToolkitCredentials(accessKeyId, secret, store.GetValueOrDefault("AWS.SessionToken") is { Length: > 0 } token ? token : null);
    }

    /// <summary>The environment an SDK (here the AWS CLI, standing in for the toolkit's SDK) gets from these credentials.</summary>
    public Dictionary<string, string> AsEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ACCESS_KEY_ID"] = AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey,
        };
        if (SessionToken is not null)
        {
            environment["AWS_SESSION_TOKEN"] = SessionToken;
        }

        return environment;
    }
}
