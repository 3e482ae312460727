namespace AwsTempCredentials.AzureDevOps.Inputs;

/// <summary>
/// Inputs of task.json that are not canonical options (those are <see cref="Options.OptionNames.ToCamelCase"/> of
/// the canonical name: <c>roleToAssume</c>, <c>awsRegion</c>, …).
/// </summary>
internal static class TaskInputNames
{
    public const string AuthMethod = "authMethod";
    public const string KeySource = "keySource";
    public const string ServiceConnection = "awsServiceConnection";
    public const string CertificateSecureFile = "certificateSecureFile";
    public const string PrivateKeySecureFile = "privateKeySecureFile";
    public const string CertificateChainSecureFile = "certificateChainSecureFile";
    public const string Refresh = "refresh";
    public const string AllowPrivateKeyOnDisk = "allowPrivateKeyOnDisk";
    public const string CertificateStore = "certificateStore";
    public const string CertificateSelector = "certificateSelector";
}
