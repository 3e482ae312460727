using AwsTempCredentials.Broker;
using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Hosting;

/// <summary>
/// Everything a run needs from its host, read in one call (<see cref="ICredentialHost.ReadInputsAsync"/>): the options
/// under their canonical names, Roles Anywhere key material, what the host knows that the options do not say, and the
/// broker's world (endpoints, proxy, trust, the platform's OIDC token) as values.
/// </summary>
public sealed record HostInputs(
    IReadOnlyDictionary<string, string> Options,
    KeyMaterialInput KeyMaterial,
    ParseContext Context,
    BrokerEnvironment Broker);
