using AwsTempCredentials.Credentials;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Options;
using AwsTempCredentials.Reporting;

namespace AwsTempCredentials.Hosting;

/// <summary>
/// A thin adapter between a platform (a CI system, or the command line) and the core: it reads inputs, fetches
/// what only the platform has (OIDC token, secure files), and hands the result over. A new CI platform is one new
/// implementation of this interface.
/// </summary>
public interface ICredentialHost : IReporter
{
    /// <summary>
    /// Reads everything the run needs, in one call: options, key material, context and the broker's world. Fails with a
    /// <see cref="CredentialException"/> naming the input. Secrets are registered by the caller, from what this returns
    /// (<see cref="InputSecrets"/>), before anything else is printed.
    /// </summary>
    Task<HostInputs> ReadInputsAsync(CancellationToken cancellationToken);

    /// <summary>Makes the credentials available the platform's way. Called only after every check passed.</summary>
    Task ExportAsync(CredentialResult result, CredentialRequest request, CancellationToken cancellationToken);

    /// <summary>Reports a failure the platform's way (annotation, task result, stderr).</summary>
    void Fail(CredentialException failure);
}
