using System.Security.Cryptography;

namespace AwsTempCredentials.Testing.RolesAnywhere;

/// <summary>Knobs for <see cref="ReferenceRolesAnywhereSigner"/>; the defaults sign correctly, the rest break one rule each.</summary>
public sealed record ReferenceSigningOptions
{
    public DateTimeOffset? SignedAt { get; init; }

    /// <summary>Send the leaf's intermediates in X-Amz-X509-Chain (when it has any).</summary>
    public bool IncludeChain { get; init; } = true;

    /// <summary>The Content-Type sent and signed.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>Credential id to claim instead of the leaf's decimal serial.</summary>
    public string? CredentialOverride { get; init; }

    /// <summary>ECDSA signature encoding (the protocol wants DER).</summary>
    public DSASignatureFormat EcdsaFormat { get; init; } = DSASignatureFormat.Rfc3279DerSequence;

    /// <summary>Body bytes sent instead of the ones signed (a tampered body).</summary>
    public string? BodySentInstead { get; init; }

    /// <summary>Algorithm name to claim instead of the one fitting the key.</summary>
    public string? AlgorithmOverride { get; init; }
}
