using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace AwsTempCredentials.Options;

/// <summary>An Amazon Resource Name: <c>arn:partition:service:region:account:resource</c>.</summary>
public sealed partial record Arn(string Partition, string Service, string Region, string Account, string Resource)
{
    [GeneratedRegex(@"^\d{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();

    [GeneratedRegex(@"^role/([\w+=,.@-]+/)*[\w+=,.@-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleResourcePattern();

    [GeneratedRegex(@"^(trust-anchor|profile)/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex RolesAnywhereResourcePattern();

    [GeneratedRegex(@"^policy/([\w+=,.@-]+/)*[\w+=,.@-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyResourcePattern();

    public static bool TryParse(string value, [NotNullWhen(true)] out Arn? arn)
    {
        arn = null;
        var parts = value.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2].Length == 0 || parts[5].Length == 0)
        {
            return false;
        }

        arn = new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
        return true;
    }

    /// <summary>The role's name (the last path segment of <c>role/path/name</c>).</summary>
    public string ResourceName => Resource[(Resource.LastIndexOf('/') + 1)..];

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";

    /// <summary>Checks an IAM role ARN; returns the problem, or null when it is one.</summary>
    public static string? ValidateRole(string value, out Arn? arn) =>
        Validate(value, "iam", RoleResourcePattern(), "arn:aws:iam::123456789012:role/my-role", regionAllowed: false, out arn);

    public static string? ValidateRolesAnywhere(string value, string kind, out Arn? arn)
    {
        var problem = Validate(value, "rolesanywhere", RolesAnywhereResourcePattern(),
            $"arn:aws:rolesanywhere:us-east-1:123456789012:{kind}/0f2c3a4b-1111-2222-3333-444455556666", regionAllowed: true, out arn);
        if (problem is null && !arn!.Resource.StartsWith(kind + "/", StringComparison.Ordinal))
        {
            problem = $"is a Roles Anywhere {arn.Resource.Split('/')[0]} ARN, not a {kind} ARN.";
            arn = null;
        }

        return problem;
    }

    public static string? ValidateManagedPolicy(string value, out Arn? arn)
    {
        var problem = Validate(value, "iam", PolicyResourcePattern(), "arn:aws:iam::aws:policy/ReadOnlyAccess", regionAllowed: false, out arn, allowAwsAccount: true);
        return problem;
    }

    private static string? Validate(string value, string service, Regex resource, string example, bool regionAllowed, out Arn? arn, bool allowAwsAccount = false)
    {
        if (!TryParse(value, out arn))
        {
            return $"'{value}' is not an ARN; expected the form {example}.";
        }

        string? problem = null;
        if (!AwsPartition.Known.Contains(arn.Partition))
        {
            problem = $"'{value}' has an unknown partition '{arn.Partition}' (expected aws, aws-cn or aws-us-gov).";
        }
        else if (arn.Service != service)
        {
            problem = $"'{value}' is an ARN of service '{arn.Service}', expected '{service}' (for example {example}).";
        }
        else if (regionAllowed ? !AwsPartition.IsValidRegion(arn.Region) : arn.Region.Length != 0)
        {
            problem = regionAllowed
                ? $"'{value}' has no valid region (for example {example})."
                : $"'{value}' must not name a region (for example {example}).";
        }
        else if (regionAllowed && AwsPartition.OfRegion(arn.Region) != arn.Partition)
        {
            problem = $"'{value}': region {arn.Region} is not in partition {arn.Partition}.";
        }
        else if (!AccountPattern().IsMatch(arn.Account) && !(allowAwsAccount && arn.Account == "aws"))
        {
            problem = $"'{value}' has an invalid account id '{arn.Account}' (12 digits).";
        }
        else if (!resource.IsMatch(arn.Resource))
        {
            problem = $"'{value}' has an invalid resource '{arn.Resource}' (for example {example}).";
        }

        if (problem is not null)
        {
            arn = null;
        }

        return problem;
    }
}
