using AwsTempCredentials.Credentials;
using AwsTempCredentials.Errors;
using AwsTempCredentials.KeyMaterial;
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
    /// <summary>The options under their canonical kebab-case names. Secret inputs are registered before this returns.</summary>
    IReadOnlyDictionary<string, string> ReadOptions();

    /// <summary>Roles Anywhere key material, from wherever the platform keeps it; empty when none was given.</summary>
    Task<KeyMaterialInput> ReadKeyMaterialAsync(CancellationToken cancellationToken);

    ParseContext Context { get; }

    /// <summary>
    /// Endpoints, proxy, trust and the platform's OIDC token provider, as values from the host's own inputs: the core
    /// never reads them from the process environment.
    /// </summary>
    Broker.BrokerEnvironment BrokerEnvironment { get; }

    /// <summary>Makes the credentials available the platform's way. Called only after every check passed.</summary>
    Task ExportAsync(CredentialResult result, CredentialRequest request, CancellationToken cancellationToken);

    /// <summary>Reports a failure the platform's way (annotation, task result, stderr).</summary>
    void Fail(CredentialException failure);
}
