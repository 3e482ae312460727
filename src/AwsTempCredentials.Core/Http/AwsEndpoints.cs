using AwsTempCredentials.Options;

namespace AwsTempCredentials.Http;

/// <summary>
/// Service endpoints. The SDKs' standard variables redirect them — <c>AWS_ENDPOINT_URL_STS</c>,
/// <c>AWS_ENDPOINT_URL_ROLESANYWHERE</c>, then <c>AWS_ENDPOINT_URL</c> — for VPC endpoints, proxies, FIPS and tests.
/// </summary>
public sealed record AwsEndpoints(Uri? Sts, Uri? RolesAnywhere)
{
    public static AwsEndpoints None { get; } = new(null, null);

    public static AwsEndpoints FromEnvironment(Func<string, string?> environment)
    {
        var global = Parse(environment("AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL");
        return new AwsEndpoints(
            Parse(environment("AWS_ENDPOINT_URL_STS"), "AWS_ENDPOINT_URL_STS") ?? global,
            Parse(environment("AWS_ENDPOINT_URL_ROLESANYWHERE"), "AWS_ENDPOINT_URL_ROLESANYWHERE") ?? global);
    }

    /// <summary>The Roles Anywhere endpoint for a region: the override, else the public regional endpoint.</summary>
    public Uri RolesAnywhereFor(string region) =>
        RolesAnywhere ?? new Uri($"https://rolesanywhere.{region}.{AwsPartition.DnsSuffix(AwsPartition.OfRegion(region))}");

    private static Uri? Parse(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new Errors.InvalidOptionsException([new OptionError(name, $"'{value}' is not an http(s) URL.")]);
        }

        return uri;
    }
}
