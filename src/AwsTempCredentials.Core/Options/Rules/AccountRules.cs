using System.Text.RegularExpressions;
using static AwsTempCredentials.Options.OptionNames;

namespace AwsTempCredentials.Options.Rules;

/// <summary>Where the credentials may come from and where they may lead: region, partition, allowed accounts.</summary>
internal static partial class AccountRules
{
    [GeneratedRegex(@"^\d{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdPattern();

    public static string? Region(OptionReader r)
    {
        var region = r.Text(AwsRegion);
        if (region is not null && !AwsPartition.IsValidRegion(region))
        {
            r.Error(AwsRegion, $"'{region}' is not an AWS region name (for example us-east-1, eu-west-2, cn-north-1).");
            return null;
        }

        return region;
    }

    public static HashSet<string> AllowedAccountIds(OptionReader r)
    {
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in r.List(OptionNames.AllowedAccountIds))
        {
            if (AccountIdPattern().IsMatch(id))
            {
                allowed.Add(id);
            }
            else
            {
                r.Error(OptionNames.AllowedAccountIds, $"'{id}' is not a 12-digit AWS account id.");
            }
        }

        return allowed;
    }

    /// <summary>Every role and the trust anchor must be in the partition of the region the calls go to.</summary>
    public static void SamePartition(OptionReader r, string? region, Arn? role, Arn? trustAnchor, RoleChaining chaining)
    {
        if (region is null)
        {
            return;
        }

        var partition = AwsPartition.OfRegion(region);
        var named = new (string Name, Arn? Arn)[] { (RoleToAssume, role), (TrustAnchorArn, trustAnchor) }
            .Concat(chaining.Roles.Select(a => (OptionNames.RoleChaining, (Arn?)a)));
        foreach (var (name, arn) in named)
        {
            if (arn is not null && arn.Partition != partition)
            {
                r.Error(name, $"'{arn}' is in partition {arn.Partition}, but region {region} is in {partition}.");
            }
        }
    }
}
