using AwsTempCredentials.Options;

namespace AwsTempCredentials.AzureDevOps.Inputs;

/// <summary>What the task's inputs and service connection say, in the core's terms, plus the export switches.</summary>
internal sealed record TaskOptions(
    IReadOnlyDictionary<string, string> Options,
    AuthMethod Method,
    ServiceConnection? Connection,
    bool Refresh,
    bool AllowPrivateKeyOnDisk)
{
    /// <summary><see cref="TaskKeySources"/>: where the Roles Anywhere certificate and key are.</summary>
    public string KeySource { get; init; } = TaskKeySources.Files;
}
