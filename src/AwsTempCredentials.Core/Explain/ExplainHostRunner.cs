using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;


namespace AwsTempCredentials.Explain;

/// <summary>
/// The <c>explain</c> input of the CI hosts: read the step's inputs as a run would, fetch the platform's OIDC token,
/// print what AWS must trust (text, then CloudFormation and Terraform) and succeed without calling AWS or exporting anything.
/// </summary>
public static class ExplainHostRunner
{
    /// <summary>The input's name in the GitHub action and the Azure DevOps task.</summary>
    public const string InputName = "explain";

    /// <summary>Runs explain when the step's <c>explain</c> input is true; null when it is absent or false (then the step runs as usual).</summary>
    public static async Task<int?> RunIfRequestedAsync(InputVariables inputs, ICredentialHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(host);
        var errors = new List<Options.OptionError>();
        if (!inputs.GetBoolean(InputName, false, errors))
        {
            if (errors.Count == 0)
            {
                return null;
            }

            var invalid = new InvalidOptionsException(errors);
            host.Fail(invalid);
            return invalid.ExitCode;
        }

        return await RunAsync(host, cancellationToken);
    }

    public static async Task<int> RunAsync(ICredentialHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        try
        {
            var inputs = await host.ReadInputsAsync(cancellationToken);
            InputSecrets.Register(inputs, host);

            // The private key is not needed to explain: drop it at once.
            var request = ExplainRequest.Parse(inputs.Options, inputs.KeyMaterial with { PrivateKey = null }, inputs.Context);
            var retry = new Http.RetryPolicy(inputs.Broker.Http, host, inputs.Broker.Clock);
            var tokenProvider = inputs.Broker.WebIdentityTokenProvider is { } provider
                ? (audience, token) => provider(audience, retry, token)
                : (Func<string, CancellationToken, Task<string>>?)null;
            var explanation = await TrustExplainer.ExplainAsync(request, tokenProvider, host, inputs.Broker.Clock, cancellationToken);
            host.Info(ExplanationText.Render(explanation));
            host.Info("CloudFormation (YAML):\n" + CloudFormationTemplate.Render(explanation));
            host.Info("Terraform:\n" + TerraformConfiguration.Render(explanation));
            host.Info("explain: nothing was requested from AWS and no credentials were exported.");
            return ExitCodes.Success;
        }
        catch (CredentialException e)
        {
            host.Fail(e);
            return e.ExitCode;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = new UnexpectedException(e);
            host.Fail(error);
            return error.ExitCode;
        }
    }
}
