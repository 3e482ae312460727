using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using AwsTempCredentials.Testing.Iam;

namespace AwsTempCredentials.Testing.RolesAnywhere;

/// <summary>Trust anchors and profiles known to the Roles Anywhere fake.</summary>
public sealed partial class RolesAnywhereRegistry
{
    private readonly ConcurrentDictionary<string, TrustAnchor> _anchors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RolesAnywhereProfile> _profiles = new(StringComparer.Ordinal);

    public TrustAnchor AddTrustAnchor(FakeAccount account, string region, X509Certificate2 caCertificate)
    {
        ArgumentNullException.ThrowIfNull(account);
        var anchor = new TrustAnchor($"arn:{account.Partition}:rolesanywhere:{region}:{account.Id}:trust-anchor/{Guid.NewGuid()}",
            account.Partition, region, account.Id, caCertificate);
        _anchors[anchor.Arn] = anchor;
        return anchor;
    }

    public RolesAnywhereProfile AddProfile(FakeAccount account, string region, IReadOnlyList<string> roleArns, int durationSeconds = 3600, bool acceptRoleSessionName = false)
    {
        ArgumentNullException.ThrowIfNull(account);
        var profile = new RolesAnywhereProfile($"arn:{account.Partition}:rolesanywhere:{region}:{account.Id}:profile/{Guid.NewGuid()}",
            account.Partition, region, account.Id, roleArns)
        {
            DurationSeconds = durationSeconds,
            AcceptRoleSessionName = acceptRoleSessionName,
        };
        _profiles[profile.Arn] = profile;
        return profile;
    }

    /// <summary>Replaces a registered anchor (e.g. to disable it).</summary>
    public void Update(TrustAnchor anchor) => _anchors[anchor?.Arn ?? throw new ArgumentNullException(nameof(anchor))] = anchor;

    public void Update(RolesAnywhereProfile profile) => _profiles[profile?.Arn ?? throw new ArgumentNullException(nameof(profile))] = profile;

    internal TrustAnchor FindTrustAnchor(string arn, string region) =>
        Find(_anchors, arn, region, "trust-anchor", "Trust anchor");

    internal RolesAnywhereProfile FindProfile(string arn, string region) =>
        Find(_profiles, arn, region, "profile", "Profile");

    private static T Find<T>(ConcurrentDictionary<string, T> items, string arn, string region, string kind, string label)
    {
        var match = ResourceArn().Match(arn);
        if (!match.Success || match.Groups["kind"].Value != kind)
        {
            throw RolesAnywhereError.Validation($"Invalid {label.ToLowerInvariant()} ARN: {arn}");
        }

        if (match.Groups["region"].Value != region)
        {
            throw RolesAnywhereError.Validation($"{label} {arn} is not in this endpoint's region {region}.");
        }

        return items.TryGetValue(arn, out var item) ? item : throw RolesAnywhereError.NotFound($"{label} not found");
    }

    [GeneratedRegex(@"^arn:(aws|aws-cn|aws-us-gov):rolesanywhere:(?<region>[a-z0-9-]+):\d{12}:(?<kind>trust-anchor|profile)/[0-9a-f-]{36}$")]
    private static partial Regex ResourceArn();
}
