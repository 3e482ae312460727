using AwsTempCredentials.AzureDevOps.Inputs;
using AwsTempCredentials.AzureDevOps.Refresh;
using AwsTempCredentials.Handoff;
using AwsTempCredentials.Options;
using AwsTempCredentials.Output;
using AwsTempCredentials.Reporting;

namespace AwsTempCredentials.AzureDevOps.Export;

/// <summary>
/// <c>refresh: true</c>: the profile runs the bundled executable as <c>credential_process</c> with the CLI's own
/// options, secrets referenced by <c>file:</c> paths of 0600 files (for OIDC the job's access token, so each refresh
/// requests a fresh OIDC token; the secret access key; with
/// <c>allowPrivateKeyOnDisk</c>, the Roles Anywhere key material), staged in the task's hand-off. Returns the command
/// line, one line whatever the inputs' line breaks.
/// </summary>
internal static class RefreshProfile
{
    public static string Prepare(
        string executable, string profile, TaskOptions task, CredentialRequest request, Func<string, string?> environment, TaskFiles files, CredentialHandoff handoff, IReporter reporter)
    {
        var options = new Dictionary<string, string>(task.Options, StringComparer.Ordinal);
        if (request.Method != AuthMethod.RolesAnywhere || request.RoleSessionNameIsExplicit)
        {
            // The pipeline's default name, fixed now; Roles Anywhere takes only a name the user gave.
            options[OptionNames.RoleSessionName] = request.RoleSessionName;
        }

        options.Remove(OptionNames.AwsProfile);
        options[OptionNames.AuthMethod] = request.Method.OptionValue();
        if (request.Region is { } region)
        {
            options[OptionNames.AwsRegion] = region;
        }

        string Secret(string suffix, string content) => files.Stage(handoff, $"{profile}.{suffix}", content);
        string[] arguments = [];

        switch (request.Method)
        {
            case AuthMethod.WebIdentity:
                var connection = task.Connection ?? throw new InvalidOperationException("OIDC without a service connection.");
                arguments = ["azure-devops", "credential-process", Secret("refresh-state", RefreshState.Serialize(environment, connection.Id))];
                reporter.Info("refresh: the job's access token is kept in a file readable only by the agent's user until the job ends, so the profile can request a fresh OIDC token and fresh AWS credentials whenever they expire.");
                break;
            case AuthMethod.RolesAnywhere when request.KeyMaterial.Store is not null:
                reporter.Info("refresh: the key stays in the certificate store; each refresh signs through the store again.");
                break;
            case AuthMethod.RolesAnywhere:
                reporter.Warning("refresh with allowPrivateKeyOnDisk: the Roles Anywhere private key is written to the agent's temp directory (mode 0600) for the rest of the job and removed by the post-job step.");
                break;
        }

        RefreshOptions.MoveSecretsToFiles(options, request, Secret);
        return CredentialProcessCommand.Build(executable, arguments, RefreshOptions.OnOneLine(options));
    }
}
