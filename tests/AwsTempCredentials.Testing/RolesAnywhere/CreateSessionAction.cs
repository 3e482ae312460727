using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using AwsTempCredentials.Testing.Iam;

namespace AwsTempCredentials.Testing.RolesAnywhere;

/// <summary>CreateSession after the signature verified: certificate validity and chain to the anchor, profile, role, duration.</summary>
internal sealed class CreateSessionAction(RolesAnywhereRegistry registry, IamDirectory iam, string region)
{
    private readonly ConcurrentDictionary<string, string> _subjects = new(StringComparer.Ordinal);

    public (JsonObject Response, StoredCredential Issued) Handle(VerifiedSigner signer, CreateSessionBody body)
    {
        var anchor = registry.FindTrustAnchor(body.TrustAnchorArn, region);
        var profile = registry.FindProfile(body.ProfileArn, region);
        if (!anchor.Enabled)
        {
            throw RolesAnywhereError.AccessDenied("Trust anchor is disabled");
        }

        if (!profile.Enabled)
        {
            throw RolesAnywhereError.AccessDenied("Profile is disabled");
        }

        var now = iam.Clock.GetUtcNow();
        if (now < signer.Leaf.NotBefore.ToUniversalTime() || now > signer.Leaf.NotAfter.ToUniversalTime())
        {
            throw RolesAnywhereError.Untrusted($"The leaf is valid {signer.Leaf.NotBefore:O}..{signer.Leaf.NotAfter:O}, not now.");
        }

        VerifyChain(signer, anchor, now);
        var unableToAssume = $"Unable to assume role for arn {body.RoleArn}";
        if (anchor.AccountId != profile.AccountId || !profile.RoleArns.Contains(body.RoleArn, StringComparer.Ordinal)
            || !iam.TryGetRole(body.RoleArn, out var role) || !TrustsRolesAnywhere(role, signer.Leaf, anchor) || role.AccountId != profile.AccountId)
        {
            throw RolesAnywhereError.AccessDenied(unableToAssume, "The role is not in the profile, not registered, or does not trust rolesanywhere.amazonaws.com.");
        }

        if (body.DurationSeconds > profile.DurationSeconds)
        {
            throw RolesAnywhereError.Validation($"durationSeconds {body.DurationSeconds} exceeds the profile's session duration of {profile.DurationSeconds} seconds.");
        }

        if (body.RoleSessionName is not null && !profile.AcceptRoleSessionName)
        {
            throw RolesAnywhereError.Validation("The profile does not accept a custom role session name.");
        }

        var sessionName = body.RoleSessionName ?? Convert.ToHexStringLower(signer.Leaf.SerialNumberBytes.Span);
        var session = CallerPrincipal.ForRoleSession(role, sessionName);
        var issued = iam.Credentials.IssueTemporary(session, TimeSpan.FromSeconds(body.DurationSeconds), "rolesanywhere");
        var subjectArn = _subjects.GetOrAdd(signer.Leaf.Thumbprint,
            _ => $"arn:{profile.Partition}:rolesanywhere:{region}:{profile.AccountId}:subject/{Guid.NewGuid()}");
        var response = new JsonObject
        {
            ["credentialSet"] = new JsonArray(new JsonObject
            {
                ["assumedRoleUser"] = new JsonObject { ["arn"] = session.Arn, ["assumedRoleId"] = session.UserId },
                ["credentials"] = new JsonObject
                {
                    ["accessKeyId"] = issued.AccessKeyId,
                    ["expiration"] = issued.Expiration!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    ["secretAccessKey"] = issued.SecretAccessKey,
                    ["sessionToken"] = issued.SessionToken,
                },
                ["packedPolicySize"] = 0,
                ["roleArn"] = role.Arn,
                ["sourceIdentity"] = string.Empty,
            }),
            ["subjectArn"] = subjectArn,
        };
        return (response, issued);
    }

    /// <summary>
    /// The role's trust for rolesanywhere.amazonaws.com: with a policy document, all three actions Roles Anywhere needs
    /// and its conditions over the certificate's subject and issuer attributes (aws:PrincipalTag/x509Subject/CN, …) and aws:SourceArn.
    /// </summary>
    private static bool TrustsRolesAnywhere(FakeRole role, X509Certificate2 leaf, TrustAnchor anchor)
    {
        if (role.TrustPolicy is not { } policy)
        {
            return role.TrustsRolesAnywhere;
        }

        var context = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["aws:SourceArn"] = anchor.Arn };
        foreach (var (prefix, name) in new[] { ("x509Subject", leaf.SubjectName), ("x509Issuer", leaf.IssuerName) })
        {
            foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
            {
                var attribute = rdn.GetSingleElementType().FriendlyName switch { "CN" => "CN", "O" => "O", "OU" => "OU", "C" => "C", "S" => "ST", "L" => "L", _ => null };
                if (attribute is not null && rdn.GetSingleElementValue() is { } value)
                {
                    context[$"aws:PrincipalTag/{prefix}/{attribute}"] = value;
                }
            }
        }

        return policy.Allows("Service", "rolesanywhere.amazonaws.com", ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"], context);
    }

    private static void VerifyChain(VerifiedSigner signer, TrustAnchor anchor, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(anchor.Certificate);
        chain.ChainPolicy.ExtraStore.AddRange(signer.Chain.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (!chain.Build(signer.Leaf))
        {
            var status = string.Join("; ", chain.ChainStatus.Select(s => $"{s.Status}: {s.StatusInformation.Trim()}"));
            throw RolesAnywhereError.Untrusted($"No chain from the leaf to the trust anchor {anchor.Certificate.Subject}: {status}");
        }

        var root = chain.ChainElements[^1].Certificate;
        if (!root.RawData.AsSpan().SequenceEqual(anchor.Certificate.RawData))
        {
            throw RolesAnywhereError.Untrusted($"The chain ends at {root.Subject}, not the trust anchor.");
        }
    }
}
