using AwsTempCredentials.Broker;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Hosting;

/// <summary>
/// The flow every host shares: read and validate inputs, obtain and check credentials, then export — or report
/// one precise failure and export nothing.
/// </summary>
public static class CredentialHostRunner
{
    public static async Task<int> RunAsync(ICredentialHost host, CancellationToken cancellationToken)
    {
        try
        {
            var options = host.ReadOptions();
            var keyMaterial = await host.ReadKeyMaterialAsync(cancellationToken);
            if (keyMaterial.Passphrase is { Length: > 0 } passphrase)
            {
                host.RegisterSecret(passphrase);
            }

            var request = CredentialRequestParser.Parse(options, keyMaterial, host.Context);
            var result = await new CredentialBroker(request, host.BrokerEnvironment).GetCredentialsAsync(cancellationToken);
            await host.ExportAsync(result, request, cancellationToken);
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
