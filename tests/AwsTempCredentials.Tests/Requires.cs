using AwsTempCredentials.Testing.AzureDevOps;
using AwsTempCredentials.Testing.GitHub;

namespace AwsTempCredentials.Tests;

/// <summary>
/// What a test needs from the machine beyond the SDK. Where it is missing the test reports <em>skipped</em> with the
/// reason (xUnit v3 dynamic skip), never passes empty; on CI (<c>CI=true</c>) a missing prerequisite fails the test
/// instead, so a CI run cannot go green on fewer tests than it should. tests/run.sh installs all of them.
/// </summary>
public static class Requires
{
    /// <summary>Debian's awscli package. Not whatever <c>aws</c> is first on PATH (a pyenv shim, a pip install).</summary>
    public const string AwsCliPath = "/usr/bin/aws";

    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The real consumer the tests prove credentials with; returns its path.</summary>
    public static string AwsCli()
    {
        Check(File.Exists(AwsCliPath) ? null : $"the AWS CLI is not installed at {AwsCliPath} (Debian package awscli)");
        return AwsCliPath;
    }

    /// <summary>node, which runs the Azure DevOps task's launcher as the agent's Node handler does.</summary>
    public static void Node() =>
        Check(File.Exists(TaskInstallation.NodePath) ? null : $"Node.js is not installed at {TaskInstallation.NodePath}");

    /// <summary>podman and runc, which run the GitHub action's image as the runner runs a container action.</summary>
    public static void Containers() => Check(ContainerAction.Unavailable());

    /// <summary>SoftHSM2 and pkcs11-tool (Debian packages softhsm2 and opensc): PKCS#11 tokens whose keys never leave them.</summary>
    public static void SoftHsm() => Check(Testing.Pkcs11.SoftHsmToken.Unavailable());

    /// <summary>A software TPM behind tpm2-pkcs11 (Debian packages swtpm, tpm2-abrmd, tpm2-tools, libtpm2-pkcs11-1, libtpm2-pkcs11-tools).</summary>
    public static void SoftwareTpm() => Check(Testing.Pkcs11.SoftwareTpmToken.Unavailable());

    /// <summary>Skips (or, on CI, fails) the running test when <paramref name="missing"/> says what is missing.</summary>
    public static void Check(string? missing)
    {
        if (missing is null)
        {
            return;
        }

        if (OnCi)
        {
            Assert.Fail($"{missing}, and CI=true: on CI every prerequisite must be there (tests/run.sh installs it).");
        }

        Assert.Skip($"{missing}: tests/run.sh installs it.");
    }
}
