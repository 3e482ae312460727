using System.Text.Json;
using System.Text.Json.Serialization;

namespace AwsTempCredentials.Explain;

/// <summary>What AWS must hold to accept one certificate: a trust anchor holding its CA, a profile listing the role, and a role trust statement.</summary>
public sealed record RolesAnywhereTrustRequirements
{
    public required CertificateFacts Certificate { get; init; }

    /// <summary>The CA certificates given with it, from the issuing CA up (those that chain from the leaf).</summary>
    public IReadOnlyList<CertificateFacts> Chain { get; init; } = [];

    /// <summary>The CA the trust anchor must hold, when it is among the given certificates; else null (see <see cref="MissingCa"/>).</summary>
    public CertificateFacts? TrustAnchorCa { get; init; }

    /// <summary>The CA above the given chain, named by its subject and key id, when its certificate was not given.</summary>
    public MissingCertificate? MissingCa { get; init; }

    /// <summary>Where the certificate was found when it came from the OS certificate store (cert-store, cert-selector); null for files.</summary>
    public StoreCertificate? Store { get; init; }

    public string? TrustAnchorArn { get; init; }

    public string? ProfileArn { get; init; }

    [JsonIgnore]
    public TrustStatement Statement { get; init; } = null!;

    public JsonElement TrustPolicy => JsonDocument.Parse(PolicyJson.Document(Statement)).RootElement.Clone();

    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>A CA known only by name: the subject and key id that the next certificate down names as its issuer.</summary>
public sealed record MissingCertificate(string Subject, string? SubjectKeyId);

/// <summary>The OS store a certificate was chosen from, the selector that chose it, and its SHA-1 thumbprint (as Windows shows it).</summary>
public sealed record StoreCertificate(string Store, string Selector, string Thumbprint);
