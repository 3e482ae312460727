using AwsTempCredentials.Broker;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.GitHub;

/// <summary>Entry of the GitHub container action: <c>github</c> (action.yml's exec-form ENTRYPOINT).</summary>
internal static class GitHubEntryPoint
{
    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        await using (stdout)
        {
            return await RunAsync(Environment.GetEnvironmentVariable, stdout, cancellationToken);
        }
    }

    public static async Task<int> RunAsync(Func<string, string?> environment, TextWriter stdout, CancellationToken cancellationToken)
    {
        var commands = new WorkflowCommandWriter(stdout);
        var inputs = new InputVariables(environment);
        StepSettings settings;
        try
        {
            settings = StepSettings.Read(inputs);
        }
        catch (CredentialException e)
        {
            commands.Error(e.Describe(), "aws-temp-credentials");
            return e.ExitCode;
        }

        var host = new GitHubHost(environment, commands, settings);
        if (await Explain.ExplainHostRunner.RunIfRequestedAsync(inputs, host, cancellationToken) is { } explained)
        {
            return explained;
        }

        if (settings.UseExistingCredentials
            && await ExistingCredentialsProbe.TryAsync(inputs.Get(OptionNames.AwsRegion), BrokerEnvironment.FromProcess(host), cancellationToken) is not null)
        {
            commands.Notice("Pre-existing credentials are valid (use-existing-credentials); no new ones were fetched.");
            return ExitCodes.Success;
        }

        return await CredentialHostRunner.RunAsync(host, cancellationToken);
    }
}
