namespace AwsTempCredentials.AzureDevOps.Inputs;

/// <summary>
/// The AWS service connection as the agent passes it: <c>ENDPOINT_AUTH_SCHEME_&lt;id&gt;</c>,
/// <c>ENDPOINT_AUTH_PARAMETER_&lt;id&gt;_&lt;KEY&gt;</c> and <c>ENDPOINT_DATA_&lt;id&gt;_&lt;KEY&gt;</c>, the id as given
/// (a GUID, lower-case with hyphens) and the key upper-cased. Custom endpoint types have no OIDC scheme: the
/// <c>UsernamePassword</c> (basic) scheme carries access keys, the <c>None</c> scheme means OIDC for this connection.
/// The endpoint type's own inputs (vss-extension.json: roleArn, region, sessionName) arrive as endpoint data.
/// </summary>
internal sealed class ServiceConnection(string id, Func<string, string?> environment)
{
    public string Id { get; } = id;

    /// <summary>True when the agent passed anything for this connection (it passes only authorized ones).</summary>
    public bool Exists => Get($"ENDPOINT_AUTH_SCHEME_{Id}") is not null || Get($"ENDPOINT_AUTH_{Id}") is not null || Get($"ENDPOINT_URL_{Id}") is not null;

    public string? Scheme => Get($"ENDPOINT_AUTH_SCHEME_{Id}");

    public bool IsAccessKeyScheme => string.Equals(Scheme, "UsernamePassword", StringComparison.OrdinalIgnoreCase) || string.Equals(Scheme, "Basic", StringComparison.OrdinalIgnoreCase);

    public bool IsNoSecretScheme => string.Equals(Scheme, "None", StringComparison.OrdinalIgnoreCase);

    public string? AccessKeyId => Parameter("username");

    public string? SecretAccessKey => Parameter("password");

    public string? RoleArn => Setting("roleArn") ?? Setting("assumeRoleArn");

    public string? Region => Setting("region") ?? Setting("awsRegion");

    public string? RoleSessionName => Setting("sessionName") ?? Setting("roleSessionName");

    public string? ExternalId => Setting("externalId") ?? Setting("roleExternalId");

    /// <summary>An auth parameter (the scheme's inputs).</summary>
    public string? Parameter(string key) => Get($"ENDPOINT_AUTH_PARAMETER_{Id}_{key.ToUpperInvariant()}");

    /// <summary>A connection setting: an auth parameter, else endpoint data.</summary>
    public string? Setting(string key) => Parameter(key) ?? Get($"ENDPOINT_DATA_{Id}_{key.ToUpperInvariant()}");

    private string? Get(string name) => environment(name) is { } value && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;
}
