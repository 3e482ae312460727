using System.Security.Cryptography.X509Certificates;

namespace AwsTempCredentials.Explain;

/// <summary>Computes the trust anchor CA, the profile and the least-privilege role trust for a certificate and its chain.</summary>
public static class RolesAnywhereTrust
{
    public const string ServicePrincipal = "rolesanywhere.amazonaws.com";

    public static IReadOnlyList<string> Actions { get; } = ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"];

    public static RolesAnywhereTrustRequirements Build(
        X509Certificate2 leaf, IReadOnlyList<X509Certificate2> given, string? trustAnchorArn, string? profileArn, string? roleArn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(given);
        var path = PathToTop(leaf, given);
        var facts = CertificateFacts.Of(leaf);
        var chain = path.Select(CertificateFacts.Of).ToList();
        var top = chain.Count > 0 ? chain[^1] : facts;
        var notes = new List<string>();
        CertificateFacts? anchorCa = null;
        MissingCertificate? missing = null;
        if (top.IsSelfSigned && chain.Count > 0)
        {
            anchorCa = top;
        }
        else if (top.IsSelfSigned)
        {
            anchorCa = top;
            notes.Add("The certificate is self-signed: the trust anchor must hold the certificate itself.");
        }
        else
        {
            missing = new MissingCertificate(top.Issuer, top.AuthorityKeyId);
            notes.Add(chain.Count == 0
                ? $"The issuing CA '{top.Issuer}' is not in the given certificates: the trust anchor must hold it (or a CA above it). Give it in certificate-chain to see its fingerprint."
                : $"The root CA '{top.Issuer}' is not in the given chain: the trust anchor must hold it, or the intermediate '{top.Subject}' (SHA-256 {top.Sha256Fingerprint}). Give the root in certificate-chain to see its fingerprint.");
        }

        var unchained = given.Count - path.Count;
        if (unchained > 0)
        {
            notes.Add($"{unchained} certificate(s) in the chain do not lie between the certificate and its root; Roles Anywhere ignores them at best — leave them out.");
        }

        var intermediates = chain.Count(c => !c.IsSelfSigned);
        if (intermediates > 0 && (anchorCa is null || anchorCa.IsSelfSigned))
        {
            notes.Add($"Give the {intermediates} intermediate CA certificate(s) in certificate-chain on every run: Roles Anywhere needs them to reach the trust anchor.");
        }

        if (facts.ValidityProblem(now) is { } problem)
        {
            notes.Add($"The certificate is {problem}.");
        }

        var conditions = new List<PolicyCondition>();
        if (facts.CommonName is { } cn)
        {
            conditions.Add(new PolicyCondition("StringEquals", "aws:PrincipalTag/x509Subject/CN", [cn]));
        }

        if (facts.IssuerCommonName is { } issuerCn)
        {
            conditions.Add(new PolicyCondition("StringEquals", "aws:PrincipalTag/x509Issuer/CN", [issuerCn]));
        }

        if (trustAnchorArn is not null)
        {
            conditions.Add(new PolicyCondition("ArnEquals", "aws:SourceArn", [trustAnchorArn]));
        }
        else
        {
            notes.Add("No trust-anchor-arn was given: add an ArnEquals aws:SourceArn condition naming the trust anchor once it exists, so only it can hand out the role.");
        }

        if (facts.CommonName is not null)
        {
            notes.Add("The x509Subject/CN condition pins this certificate's common name: renewed certificates must keep it. Drop it (keeping the issuer and trust anchor conditions) to admit every certificate of this CA.");
        }

        notes.Add(profileArn is null
            ? $"The profile must list the role{(roleArn is null ? string.Empty : " " + roleArn)} in its role ARNs and be enabled."
            : $"Profile {profileArn} must list the role{(roleArn is null ? string.Empty : " " + roleArn)} in its role ARNs and be enabled, in the trust anchor's region and account.");

        return new RolesAnywhereTrustRequirements
        {
            Certificate = facts,
            Chain = chain,
            TrustAnchorCa = anchorCa,
            MissingCa = missing,
            TrustAnchorArn = trustAnchorArn,
            ProfileArn = profileArn,
            Statement = new TrustStatement("Service", ServicePrincipal, Actions, conditions),
            Notes = notes,
        };
    }

    /// <summary>The given CA certificates from the leaf's issuer upwards, by issuer name, stopping at a self-signed one.</summary>
    private static List<X509Certificate2> PathToTop(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> given)
    {
        var path = new List<X509Certificate2>();
        var current = leaf;
        while (!current.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData))
        {
            var issuer = given.FirstOrDefault(c => !path.Contains(c) && c.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData));
            if (issuer is null)
            {
                break;
            }

            path.Add(issuer);
            current = issuer;
        }

        return path;
    }
}
