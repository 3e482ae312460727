using AwsTempCredentials.AzureDevOps.Inputs;
using AwsTempCredentials.AzureDevOps.LoggingCommands;
using AwsTempCredentials.Credentials;
using AwsTempCredentials.Options;
using AwsTempCredentials.Output;
using AwsTempCredentials.Reporting;

namespace AwsTempCredentials.AzureDevOps.Export;

/// <summary>
/// Hands the credentials to every later step of the job: AWS Toolkit variables (<c>AWS.*</c>), a profile in shared
/// files under the agent's temp directory with the variables that point the CLI/SDKs at it, output variables for
/// other jobs, and a summary. Files first, variables last: a failure leaves no variable half set.
/// </summary>
internal sealed class TaskExporter(LoggingCommandWriter commands, TaskFiles files, Func<string, string?> environment, IReporter reporter)
{
    public void Export(CredentialResult result, CredentialRequest request, TaskOptions task, string executable)
    {
        var profile = request.AwsProfile ?? "default";
        var region = result.Region;
        var writer = new AwsProfileWriter(files.Record("credentials"), files.Record("config"));
        if (task.Refresh)
        {
            var command = RefreshProfile.Prepare(executable, profile, task, request, environment, files, reporter);
            writer.WriteCredentialProcess(profile, command, region);
        }
        else
        {
            writer.WriteCredentials(profile, result.Credentials, region);
        }

        var summary = files.Write($"summary-{profile}.md", JobSummary.Render(result, profile, task.Refresh));

        SetToolkitVariables(result);
        SetProfileVariables(writer, profile, region);
        SetOutputVariables(result);
        commands.UploadSummary(summary);

        var who = result.MaskAccountId ? "(masked)" : result.Identity.Arn;
        var expiry = result.Credentials.Expiration is { } e ? $", expiring {CredentialFormatter.Iso8601(e)}" : string.Empty;
        reporter.Info($"Authenticated with {result.MethodDescription} as {who}{expiry}.");
        reporter.Info($"Later steps in this job use profile '{profile}' ({writer.ConfigFile}){(task.Refresh ? ", refreshed by credential_process" : string.Empty)}; AWS Toolkit tasks use AWS.AccessKeyID/AWS.SecretAccessKey/AWS.SessionToken.");
    }

    private void SetToolkitVariables(CredentialResult result)
    {
        commands.SetVariable("AWS.AccessKeyID", result.Credentials.AccessKeyId, isSecret: true);
        commands.SetVariable("AWS.SecretAccessKey", result.Credentials.SecretAccessKey, isSecret: true);
        if (result.Credentials.SessionToken is { } token)
        {
            commands.SetVariable("AWS.SessionToken", token, isSecret: true);
        }

        if (result.Region is { } region)
        {
            commands.SetVariable("AWS.Region", region);
        }
    }

    private void SetProfileVariables(AwsProfileWriter writer, string profile, string? region)
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

        var overriding = ProfileOverridingVariables.PresentIn(environment);
        foreach (var name in overriding)
        {
            commands.SetVariable(name, string.Empty);
        }

        if (overriding.Count > 0)
        {
            reporter.Warning($"The agent's environment holds {string.Join(", ", overriding)}, which the AWS CLI and SDKs would prefer to profile '{profile}'. " +
                "They are set empty for the later steps of this job so that these credentials are used.");
        }
    }

    private void SetOutputVariables(CredentialResult result)
    {
        commands.SetVariable("awsAccountId", result.Identity.Account, isSecret: result.MaskAccountId, isOutput: true);
        commands.SetVariable("authenticatedArn", result.Identity.Arn, isSecret: result.MaskAccountId, isOutput: true);
        if (result.Credentials.Expiration is { } expiration)
        {
            commands.SetVariable("expiration", CredentialFormatter.Iso8601(expiration), isOutput: true);
        }

        commands.SetVariable("accessKeyId", result.Credentials.AccessKeyId, isSecret: true, isOutput: true);
        commands.SetVariable("secretAccessKey", result.Credentials.SecretAccessKey, isSecret: true, isOutput: true);
        if (result.Credentials.SessionToken is { } token)
        {
            commands.SetVariable("sessionToken", token, isSecret: true, isOutput: true);
        }
    }
}
