using AwsTempCredentials.Broker;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.GitHub;

/// <summary>
/// Entry of the GitHub actions: <c>github</c> (the container action's exec-form ENTRYPOINT) and <c>github run</c> (the
/// JavaScript action, whose executable stays on the runner: only there can <c>refresh</c> work).
/// </summary>
internal static class GitHubEntryPoint
{
    public static async Task<int> RunAsync(CancellationToken cancellationToken, bool onRunner = false)
    {
        var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        await using (stdout)
        {
            return await RunAsync(Environment.GetEnvironmentVariable, stdout, cancellationToken, onRunner);
        }
    }

    public static async Task<int> RunAsync(Func<string, string?> environment, TextWriter stdout, CancellationToken cancellationToken, bool onRunner = false)
    {
        var commands = new WorkflowCommandWriter(stdout);
        var inputs = new InputVariables(environment);
        StepSettings settings;
        RefreshSettings refresh;
        try
        {
            settings = StepSettings.Read(inputs);
            refresh = RefreshSettings.Read(inputs, onRunner);
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

        // With the step's own endpoint and proxy, and without the job's current credentials when asked to unset them.
        if (settings.UseExistingCredentials
            && await ExistingCredentialsProbe.TryAsync(inputs.Get(OptionNames.AwsRegion), host.StepBrokerEnvironment(), cancellationToken) is not null)
        {
            commands.Notice("Pre-existing credentials are valid (use-existing-credentials); no new ones were fetched.");
            return ExitCodes.Success;
        }

        return refresh.Refresh
            ? await CredentialHostRunner.RunAsync(
                new RefreshingStep(new GitHubHost(environment, commands, settings with { OutputEnvCredentials = false }), environment, Environment.ProcessPath ?? "aws-temp-credentials"),
                cancellationToken)
            : await CredentialHostRunner.RunAsync(host, cancellationToken);
    }
}
