using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AwsTempCredentials.Testing.Sts;

/// <summary>The session parameters common to AssumeRole and AssumeRoleWithWebIdentity, parsed and checked as STS does.</summary>
internal sealed partial record SessionParameters(
    string RoleArn, string RoleSessionName, int DurationSeconds, bool DurationGiven, string? Policy, IReadOnlyList<string> PolicyArns,
    IReadOnlyList<KeyValuePair<string, string>> Tags, IReadOnlyList<string> TransitiveTagKeys, string? ExternalId, string? SourceIdentity)
{
    public const int DefaultDurationSeconds = 3600;

    /// <summary>What was sent, before any check (for the record).</summary>
    public static AssumeRoleRecord Record(StsRequest request) =>
        new(request.Action, request.Get("RoleArn"), request.Get("RoleSessionName"),
            int.TryParse(request.Get("DurationSeconds"), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null)
        {
            ExternalId = request.Get("ExternalId"),
            Policy = request.Get("Policy"),
            PolicyArns = request.List("PolicyArns", ".arn"),
            Tags = [.. request.List("Tags", ".Key").Zip(request.List("Tags", ".Value"), KeyValuePair.Create)],
            TransitiveTagKeys = request.List("TransitiveTagKeys"),
            SourceIdentity = request.Get("SourceIdentity"),
            WebIdentityToken = request.Get("WebIdentityToken"),
            Parameters = request.Parameters,
        };

    public static SessionParameters Parse(StsRequest request)
    {
        var roleArn = request.Get("RoleArn");
        if (roleArn is null)
        {
            throw StsError.Constraint(null, "roleArn", "Member must not be null");
        }

        if (roleArn.Length is < 20 or > 2048)
        {
            throw StsError.Constraint(roleArn, "roleArn", "Member must have length greater than or equal to 20");
        }

        var sessionName = request.Get("RoleSessionName")
            ?? throw StsError.Constraint(null, "roleSessionName", "Member must not be null");
        if (sessionName.Length is < 2 or > 64)
        {
            throw StsError.Constraint(sessionName, "roleSessionName", sessionName.Length < 2
                ? "Member must have length greater than or equal to 2"
                : "Member must have length less than or equal to 64");
        }

        if (!Iam.AwsIdentifiers.RoleSessionName().IsMatch(sessionName))
        {
            throw StsError.Constraint(sessionName, "roleSessionName", @"Member must satisfy regular expression pattern: [\w+=,.@-]*");
        }

        var durationText = request.Get("DurationSeconds");
        var duration = DefaultDurationSeconds;
        if (durationText is not null)
        {
            if (!int.TryParse(durationText, NumberStyles.None, CultureInfo.InvariantCulture, out duration))
            {
                throw StsError.Validation($"Value '{durationText}' for parameter DurationSeconds is invalid. Must be an integer.");
            }

            if (duration < 900)
            {
                throw StsError.Constraint(durationText, "durationSeconds", "Member must have value greater than or equal to 900");
            }

            if (duration > 43200)
            {
                throw StsError.Constraint(durationText, "durationSeconds", "Member must have value less than or equal to 43200");
            }
        }

        var policy = request.Get("Policy");
        if (policy is not null)
        {
            if (policy.Length > 2048)
            {
                throw StsError.Constraint("...", "policy", "Member must have length less than or equal to 2048");
            }

            try
            {
                using var document = JsonDocument.Parse(policy);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new JsonException();
                }
            }
            catch (JsonException)
            {
                throw new StsError(400, "MalformedPolicyDocument", "The policy is not in the valid JSON format.");
            }
        }

        var policyArns = request.List("PolicyArns", ".arn");
        if (policyArns.Count > 10)
        {
            throw StsError.Constraint("[...]", "policyArns", "Member must have length less than or equal to 10");
        }

        foreach (var arn in policyArns.Where(a => !PolicyArn().IsMatch(a)))
        {
            throw StsError.Validation($"Invalid ARN '{arn}' in PolicyArns.");
        }

        var keys = request.List("Tags", ".Key");
        var values = request.List("Tags", ".Value");
        if (keys.Count != values.Count)
        {
            throw StsError.Validation("Every session tag needs a Key and a Value.");
        }

        if (keys.Count > 50)
        {
            throw StsError.Constraint("[...]", "tags", "Member must have length less than or equal to 50");
        }

        foreach (var key in keys.Where(k => k.Length is < 1 or > 128 || !TagText().IsMatch(k)))
        {
            throw StsError.Constraint(key, "tags.member.key", @"Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]+");
        }

        foreach (var value in values.Where(v => v.Length > 256 || (v.Length > 0 && !TagText().IsMatch(v))))
        {
            throw StsError.Constraint(value, "tags.member.value", @"Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]*");
        }

        if (keys.Distinct(StringComparer.OrdinalIgnoreCase).Count() != keys.Count)
        {
            throw new StsError(400, "InvalidParameterValue", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
        }

        var transitive = request.List("TransitiveTagKeys");
        if (transitive.Any(t => !keys.Contains(t, StringComparer.OrdinalIgnoreCase)))
        {
            throw new StsError(400, "InvalidParameterValue", "The specified transitive tag key must be included in the requested tags.");
        }

        var externalId = request.Get("ExternalId");
        if (externalId is not null && (externalId.Length is < 2 or > 1224 || !ExternalIdText().IsMatch(externalId)))
        {
            throw StsError.Constraint(externalId, "externalId", @"Member must satisfy regular expression pattern: [\w+=,.@:\/-]*");
        }

        var sourceIdentity = request.Get("SourceIdentity");
        if (sourceIdentity is not null && !Iam.AwsIdentifiers.RoleSessionName().IsMatch(sourceIdentity))
        {
            throw StsError.Constraint(sourceIdentity, "sourceIdentity", @"Member must satisfy regular expression pattern: [\w+=,.@-]*");
        }

        return new SessionParameters(roleArn, sessionName, duration, durationText is not null, policy, policyArns,
            [.. keys.Zip(values, KeyValuePair.Create)], transitive, externalId, sourceIdentity);
    }

    [GeneratedRegex(@"^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}|aws):policy/[\x21-\x7E]+$")]
    private static partial Regex PolicyArn();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$")]
    private static partial Regex TagText();

    [GeneratedRegex(@"^[\w+=,.@:\/-]+$")]
    private static partial Regex ExternalIdText();
}
