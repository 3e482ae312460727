using AwsTempCredentials.AzureDevOps.Inputs;
using AwsTempCredentials.AzureDevOps.LoggingCommands;
using AwsTempCredentials.Credentials;
using AwsTempCredentials.Handoff;
using AwsTempCredentials.Options;
using AwsTempCredentials.Output;
using AwsTempCredentials.Reporting;

namespace AwsTempCredentials.AzureDevOps.Export;

/// <summary>
/// Hands the credentials to every later step of the job: AWS Toolkit variables (<c>AWS.*</c>), a profile in shared
/// files under the agent's temp directory with the variables that point the CLI/SDKs at it, output variables for
/// other jobs, and a summary. One hand-off: files staged and written first, then every variable printed at once; a
/// file that fails restores the others, and no variable is set.
/// </summary>
internal sealed class TaskExporter(LoggingCommandWriter commands, TaskFiles files, Func<string, string?> environment, IReporter reporter)
{
    /// <summary>The variables the AWS Toolkit for Azure DevOps reads for credentials (before the SDK's own chain).</summary>
    public static readonly string[] ToolkitCredentialVariables = ["AWS.AccessKeyID", "AWS.SecretAccessKey", "AWS.SessionToken"];

    public void Export(CredentialResult result, CredentialRequest request, TaskOptions task, string executable)
    {
        var profile = request.AwsProfile ?? "default";
        var region = result.Region;
        var writer = new AwsProfileWriter(files.Record("credentials"), files.Record("config"));
        var overriding = ProfileOverridingVariables.PresentIn(environment);
        using (var handoff = new CredentialHandoff())
        {
            Action write = () => writer.WriteCredentials(profile, result.Credentials, region);
            if (task.Refresh)
            {
                var command = RefreshProfile.Prepare(executable, profile, task, request, environment, files, handoff, reporter);
                write = () => writer.WriteCredentialProcess(profile, command, region);
            }

            // Secret files first (the profile refers to them), then the profile, the summary, and the variables last.
            handoff.Add(new ReplacedFiles($"AWS profile '{profile}'", [writer.CredentialsFile, writer.ConfigFile], write, TaskFiles.Hint));
            var summary = files.Stage(handoff, $"summary-{profile}.md", JobSummary.Render(result, profile, task.Refresh));
            handoff.Add(commands.Stage("the task's variables", staged =>
            {
                SetToolkitVariables(staged, result, task.Refresh);
                SetProfileVariables(staged, writer, profile, region, overriding);
                SetOutputVariables(staged, result);
                staged.UploadSummary(summary);
            }));
            handoff.Commit();
        }

        if (overriding.Count > 0)
        {
            reporter.Warning($"The agent's environment holds {string.Join(", ", overriding)}, which the AWS CLI and SDKs would prefer to profile '{profile}'. " +
                "They are set empty for the later steps of this job so that these credentials are used.");
        }

        var who = result.MaskAccountId ? "(masked)" : result.Identity.Arn;
        var expiry = result.Credentials.Expiration is { } e ? $", expiring {CredentialFormatter.Iso8601(e)}" : string.Empty;
        reporter.Info($"Authenticated with {result.MethodDescription} as {who}{expiry}.");
        reporter.Info(task.Refresh
            ? $"Later steps in this job use profile '{profile}' ({writer.ConfigFile}), refreshed by credential_process; AWS Toolkit tasks use it too " +
              "(AWS.AccessKeyID/AWS.SecretAccessKey/AWS.SessionToken are left empty so that they do not pin credentials that expire)."
            : $"Later steps in this job use profile '{profile}' ({writer.ConfigFile}); AWS Toolkit tasks use AWS.AccessKeyID/AWS.SecretAccessKey/AWS.SessionToken.");
    }

    /// <summary>
    /// The toolkit uses AWS.AccessKeyID/SecretAccessKey/SessionToken as static credentials whenever AWS.AccessKeyID is
    /// set, and otherwise the SDK's chain (environment, then the profile with AWS_SDK_LOAD_CONFIG, credential_process
    /// included). All three are always set, empty to clear: a value an earlier step set must never pair with ours.
    /// With refresh they stay empty, so the toolkit reaches the refreshing profile instead of credentials that expire.
    /// </summary>
    private static void SetToolkitVariables(LoggingCommandWriter commands, CredentialResult result, bool refresh)
    {
        string[] values = refresh
            ? ["", "", ""]
            : [result.Credentials.AccessKeyId, result.Credentials.SecretAccessKey, result.Credentials.SessionToken ?? string.Empty];
        for (var i = 0; i < ToolkitCredentialVariables.Length; i++)
        {
            commands.SetVariable(ToolkitCredentialVariables[i], values[i], isSecret: true);
        }

        if (result.Region is { } region)
        {
            commands.SetVariable("AWS.Region", region);
        }
    }

    private static void SetProfileVariables(LoggingCommandWriter commands, AwsProfileWriter writer, string profile, string? region, IReadOnlyCollection<string> overriding)
    {
        commands.SetVariable("AWS_SHARED_CREDENTIALS_FILE", writer.CredentialsFile);
        commands.SetVariable("AWS_CONFIG_FILE", writer.ConfigFile);
        commands.SetVariable("AWS_PROFILE", profile);
        commands.SetVariable("AWS_SDK_LOAD_CONFIG", "1");
        if (region is not null)
        {
            commands.SetVariable("AWS_REGION", region);
            commands.SetVariable("AWS_DEFAULT_REGION", region);
        }

        foreach (var name in overriding)
        {
            commands.SetVariable(name, string.Empty);
        }
    }

    private static void SetOutputVariables(LoggingCommandWriter commands, CredentialResult result)
    {
        commands.SetVariable("awsAccountId", result.Identity.Account, isSecret: result.MaskAccountId, isOutput: true);
        commands.SetVariable("authenticatedArn", result.Identity.Arn, isSecret: result.MaskAccountId, isOutput: true);
        if (result.Credentials.Expiration is { } expiration)
        {
            commands.SetVariable("expiration", CredentialFormatter.Iso8601(expiration), isOutput: true);
        }

        commands.SetVariable("accessKeyId", result.Credentials.AccessKeyId, isSecret: true, isOutput: true);
        commands.SetVariable("secretAccessKey", result.Credentials.SecretAccessKey, isSecret: true, isOutput: true);
        commands.SetVariable("sessionToken", result.Credentials.SessionToken ?? string.Empty, isSecret: true, isOutput: true);
    }
}
