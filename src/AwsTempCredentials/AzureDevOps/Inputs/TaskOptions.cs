using AwsTempCredentials.Options;

namespace AwsTempCredentials.AzureDevOps.Inputs;

/// <summary>What the task's inputs and service connection say, in the core's terms, plus the export switches.</summary>
internal sealed record TaskOptions(
    IReadOnlyDictionary<string, string> Options,
    AuthMethod Method,
    ServiceConnection? Connection,
    bool Refresh,
    bool AllowPrivateKeyOnDisk,
    KeySource KeySource = KeySource.Files);

/// <summary>The task's keySource: where the Roles Anywhere certificate and key are. Only the chosen source's inputs are read.</summary>
internal enum KeySource
{
    Files,
    Pkcs11,
    CertificateStore,
}
