namespace AwsTempCredentials.AzureDevOps.Inputs;

/// <summary>The values of the task's <c>keySource</c> input.</summary>
internal static class TaskKeySources
{
    /// <summary>Secure files or secret variables (the default).</summary>
    public const string Files = "files";

    /// <summary>A PKCS#11 token on the agent: pkcs11Uri, pkcs11Module, pkcs11Pin.</summary>
    public const string Pkcs11 = "pkcs11";
}
