using AwsTempCredentials.Broker;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Hosting;

/// <summary>
/// The flow every host shares: read and validate inputs, obtain and check credentials, then export — or report
/// one precise failure and export nothing. Every exception ends here as a documented exit code and a message in
/// plain words (<see cref="FailureTranslator"/>).
/// </summary>
public static class CredentialHostRunner
{
    public static async Task<int> RunAsync(ICredentialHost host, CancellationToken cancellationToken)
    {
        try
        {
            var options = host.ReadOptions();
            if (options.TryGetValue(OptionNames.Pkcs11Pin, out var pin) && pin.Length > 0)
            {
                host.RegisterSecret(pin);
            }

            var keyMaterial = await host.ReadKeyMaterialAsync(cancellationToken);
            if (keyMaterial.Passphrase is { Length: > 0 } passphrase)
            {
                host.RegisterSecret(passphrase);
            }

            var request = CredentialRequestParser.Parse(options, keyMaterial, host.Context);
            var result = await new CredentialBroker(request, host.BrokerEnvironment).GetCredentialsAsync(cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            await host.ExportAsync(result, request, cancellationToken);
            return ExitCodes.Success;
        }
        catch (Exception e)
        {
            return Fail(host, e, cancellationToken.IsCancellationRequested);
        }
    }

    /// <summary>Reports any failure the host's way and returns its exit code.</summary>
    public static int Fail(ICredentialHost host, Exception exception, bool cancelled)
    {
        var failure = FailureTranslator.Translate(exception, cancelled);
        host.Fail(failure);
        return failure.ExitCode;
    }
}
