using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.AzureDevOps.Inputs;

/// <summary>
/// Turns task inputs and the service connection into the core's canonical options. Inputs override the
/// connection's role, region and session name. Problems the core cannot see (connection kind, refresh rules) are
/// reported here, before any network call.
/// </summary>
internal static class TaskOptionReader
{
    /// <summary>Canonical options read elsewhere: key material (secure files or PEM inputs) and the auth method (a pick list, passed typed).</summary>
    private static readonly HashSet<string> NotPlainInputs = new(StringComparer.Ordinal)
    {
        OptionNames.AuthMethod, OptionNames.Certificate, OptionNames.PrivateKey, OptionNames.CertificateChain,
        OptionNames.PrivateKeyPassphrase, OptionNames.WebIdentityTokenFile, OptionNames.CertStore, OptionNames.CertSelector,
    };

    private static readonly Dictionary<string, AuthMethod> Methods = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rolesAnywhere"] = AuthMethod.RolesAnywhere,
        ["oidc"] = AuthMethod.WebIdentity,
        ["accessKeys"] = AuthMethod.AccessKeys,
    };

    public static TaskOptions Read(InputVariables inputs, Func<string, string?> environment)
    {
        var errors = new List<OptionError>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in OptionNames.All.Where(n => !NotPlainInputs.Contains(n)))
        {
            if (inputs.Get(OptionNames.ToCamelCase(name)) is { } value)
            {
                options[name] = value;
            }
        }

        var methodText = inputs.Get(TaskInputNames.AuthMethod) ?? "rolesAnywhere";
        if (!Methods.TryGetValue(methodText, out var method))
        {
            errors.Add(new OptionError(TaskInputNames.AuthMethod, $"'{methodText}' is not one of rolesAnywhere, oidc, accessKeys."));
        }

        var keySource = ReadKeySource(inputs, method, options, errors);
        var connection = ReadConnection(inputs, environment, method, options, errors);
        var refresh = inputs.GetBoolean(TaskInputNames.Refresh, false, errors);
        var allowKeyOnDisk = inputs.GetBoolean(TaskInputNames.AllowPrivateKeyOnDisk, false, errors);
        if (refresh && method == AuthMethod.RolesAnywhere && keySource == KeySource.Pkcs11)
        {
            // Each refresh would need the token's PIN, which would then sit on the agent's disk for the whole job.
            errors.Add(new OptionError(TaskInputNames.Refresh, "is not supported with keySource pkcs11: every refresh would log in to the token again, so the PIN would have to stay on the agent's disk. " +
                "Leave refresh off and choose a roleDurationSeconds that outlasts the job."));
        }
        else if (refresh && method == AuthMethod.RolesAnywhere && keySource == KeySource.Files && !allowKeyOnDisk)
        {
            errors.Add(new OptionError(TaskInputNames.Refresh, "with Roles Anywhere needs the private key on the agent's disk for the whole job (secure-file download tickets expire), " +
                "which this task does not do unless you also set allowPrivateKeyOnDisk: true. Either set it (the key is written to a 0600 file in the agent's temp directory and removed after the job), " +
                "or leave refresh off and choose a roleDurationSeconds that outlasts the job."));
        }

        if (errors.Count > 0)
        {
            throw new InvalidOptionsException(errors);
        }

        return new TaskOptions(options, method, connection, refresh, allowKeyOnDisk, keySource);
    }

    /// <summary>
    /// <c>keySource</c>: files (secure files or secret variables, the default), pkcs11 or certificateStore, and that
    /// source's inputs. The other sources' inputs are dropped: the classic editor keeps values its visibleRule hides.
    /// </summary>
    private static KeySource ReadKeySource(InputVariables inputs, AuthMethod method, Dictionary<string, string> options, List<OptionError> errors)
    {
        var text = method == AuthMethod.RolesAnywhere ? inputs.Get(TaskInputNames.KeySource) ?? "files" : "files";
        var source = KeySource.Files;
        switch (text.ToLowerInvariant())
        {
            case "files":
                if (method == AuthMethod.RolesAnywhere && inputs.Get(TaskInputNames.CertificateSelector) is not null
                    && inputs.Get(TaskInputNames.CertificateSecureFile) is null && inputs.Get(OptionNames.ToCamelCase(OptionNames.Certificate)) is null)
                {
                    errors.Add(new OptionError(TaskInputNames.CertificateSelector, "is set but keySource is files, so it is not read. Set keySource: certificateStore to take the certificate from the agent's store."));
                }

                break;
            case "pkcs11":
                source = KeySource.Pkcs11;
                if (!options.ContainsKey(OptionNames.Pkcs11Uri))
                {
                    errors.Add(new OptionError(OptionNames.ToCamelCase(OptionNames.Pkcs11Uri),
                        "is required with keySource pkcs11: the PKCS#11 URI of the key on the agent's token, e.g. pkcs11:token=ci;object=build-agent."));
                }

                break;
            case "certificatestore":
                source = KeySource.CertificateStore;
                options[OptionNames.CertStore] = inputs.Get(TaskInputNames.CertificateStore) ?? KeyMaterial.Store.CertificateStoreReference.DefaultStore;
                if (inputs.Get(TaskInputNames.CertificateSelector) is { } selector)
                {
                    options[OptionNames.CertSelector] = selector;
                }
                else
                {
                    errors.Add(new OptionError(TaskInputNames.CertificateSelector, "is required with keySource certificateStore: which certificate of the store to use, e.g. Key=x509Subject,Value=CN=build-agent or its thumbprint."));
                }

                break;
            default:
                errors.Add(new OptionError(TaskInputNames.KeySource, $"'{text}' is not one of files, pkcs11, certificateStore."));
                break;
        }

        if (source != KeySource.Pkcs11)
        {
            options.Remove(OptionNames.Pkcs11Uri);
            options.Remove(OptionNames.Pkcs11Module);
            options.Remove(OptionNames.Pkcs11Pin);
        }

        return source;
    }

    private static ServiceConnection? ReadConnection(
        InputVariables inputs, Func<string, string?> environment, AuthMethod method, Dictionary<string, string> options, List<OptionError> errors)
    {
        var id = inputs.Get(TaskInputNames.ServiceConnection);
        if (id is null)
        {
            if (method is AuthMethod.WebIdentity or AuthMethod.AccessKeys)
            {
                errors.Add(new OptionError(TaskInputNames.ServiceConnection, method == AuthMethod.WebIdentity
                    ? "is required with authMethod oidc: Azure DevOps issues OIDC tokens for a service connection (an AWS service connection with no secret)."
                    : "is required with authMethod accessKeys: the access keys live in an AWS service connection (access key scheme)."));
            }

            return null;
        }

        var connection = new ServiceConnection(id, environment);
        if (!connection.Exists)
        {
            errors.Add(new OptionError(TaskInputNames.ServiceConnection, $"service connection '{id}' was not found: the agent passed nothing for it. " +
                "Check the connection's name or id, and that this pipeline is authorized to use it (Project settings → Service connections → Security)."));
            return null;
        }

        if (!connection.IsAccessKeyScheme && !connection.IsNoSecretScheme)
        {
            errors.Add(new OptionError(TaskInputNames.ServiceConnection, $"service connection '{id}' uses the '{connection.Scheme ?? "unknown"}' authentication scheme, which is not an AWS connection of this extension. " +
                "Use a connection of type 'AWS (temporary credentials)': with access keys (basic) or with no secret (OIDC)."));
            return connection;
        }

        if (method == AuthMethod.WebIdentity && !connection.IsNoSecretScheme)
        {
            errors.Add(new OptionError(TaskInputNames.ServiceConnection, $"service connection '{id}' holds access keys; authMethod oidc needs a connection with no secret (OIDC). Set authMethod: accessKeys, or use an OIDC connection."));
        }

        if (method == AuthMethod.AccessKeys)
        {
            if (!connection.IsAccessKeyScheme)
            {
                errors.Add(new OptionError(TaskInputNames.ServiceConnection, $"service connection '{id}' has no access keys (it is an OIDC connection); set authMethod: oidc, or use a connection with access keys."));
            }
            else
            {
                SetIfPresent(options, OptionNames.AwsAccessKeyId, connection.AccessKeyId);
                SetIfPresent(options, OptionNames.AwsSecretAccessKey, connection.SecretAccessKey);
                if (connection.AccessKeyId is null || connection.SecretAccessKey is null)
                {
                    errors.Add(new OptionError(TaskInputNames.ServiceConnection, $"service connection '{id}' lacks the access key id or the secret access key."));
                }
            }
        }

        options.TryAdd(OptionNames.RoleToAssume, connection.RoleArn ?? string.Empty);
        options.TryAdd(OptionNames.AwsRegion, connection.Region ?? string.Empty);
        options.TryAdd(OptionNames.RoleSessionName, connection.RoleSessionName ?? string.Empty);
        options.TryAdd(OptionNames.RoleExternalId, connection.ExternalId ?? string.Empty);
        foreach (var empty in options.Where(o => o.Value.Length == 0).Select(o => o.Key).ToList())
        {
            options.Remove(empty);
        }

        return connection;
    }

    private static void SetIfPresent(Dictionary<string, string> options, string name, string? value)
    {
        if (value is not null)
        {
            options[name] = value;
        }
    }
}
