using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;

namespace AwsTempCredentials.Explain;

/// <summary>The public facts of a certificate that Roles Anywhere and its trust anchor decide on. Never key material.</summary>
public sealed record CertificateFacts
{
    public required string Subject { get; init; }

    public required string Issuer { get; init; }

    public string? CommonName { get; init; }

    public string? IssuerCommonName { get; init; }

    /// <summary>Lower-case hex, as Roles Anywhere names the role session.</summary>
    public required string SerialNumberHex { get; init; }

    /// <summary>Decimal, as it appears in the Authorization header's credential scope.</summary>
    public required string SerialNumberDecimal { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>e.g. <c>RSA 2048</c>, <c>EC P-256</c>.</summary>
    public required string KeyAlgorithm { get; init; }

    /// <summary>Subject key identifier, upper-case hex; null when the certificate has none.</summary>
    public string? SubjectKeyId { get; init; }

    /// <summary>Authority key identifier (the issuer's subject key id), upper-case hex; null when absent.</summary>
    public string? AuthorityKeyId { get; init; }

    /// <summary>SHA-256 of the DER, upper-case hex pairs joined by ':' (as <c>openssl x509 -fingerprint -sha256</c> prints it).</summary>
    public required string Sha256Fingerprint { get; init; }

    public bool IsCertificateAuthority { get; init; }

    public bool IsSelfSigned { get; init; }

    /// <summary>The certificate's PEM (public), for a trust anchor's certificate bundle.</summary>
    [JsonIgnore]
    public string Pem { get; init; } = string.Empty;

    public static CertificateFacts Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var serial = certificate.SerialNumberBytes.Span;
        return new CertificateFacts
        {
            Subject = certificate.Subject,
            Issuer = certificate.Issuer,
            CommonName = CommonNameOf(certificate.SubjectName),
            IssuerCommonName = CommonNameOf(certificate.IssuerName),
            SerialNumberHex = Convert.ToHexStringLower(serial),
            SerialNumberDecimal = new BigInteger(serial, isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture),
            NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            KeyAlgorithm = KeyAlgorithmOf(certificate),
            SubjectKeyId = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifier,
            AuthorityKeyId = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier is { } aki
                ? Convert.ToHexString(aki.Span)
                : null,
            Sha256Fingerprint = string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", CultureInfo.InvariantCulture))),
            IsCertificateAuthority = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault()?.CertificateAuthority == true,
            IsSelfSigned = certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData),
            Pem = certificate.ExportCertificatePem() + "\n",
        };
    }

    /// <summary>Where <paramref name="now"/> falls in the validity period: null when valid, else why not.</summary>
    public string? ValidityProblem(DateTimeOffset now) =>
        now < NotBefore ? $"not valid before {NotBefore:yyyy-MM-dd'T'HH:mm:ss'Z'} (now {now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}): check the clock"
        : now > NotAfter ? $"expired at {NotAfter:yyyy-MM-dd'T'HH:mm:ss'Z'} (now {now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'})"
        : null;

    /// <summary><c>subject …, issuer …, serial …, valid … to …</c> for a log line.</summary>
    public string Describe() =>
        $"subject '{Subject}', issuer '{Issuer}', serial {SerialNumberHex} (decimal {SerialNumberDecimal}), valid {NotBefore:yyyy-MM-dd'T'HH:mm:ss'Z'} to {NotAfter:yyyy-MM-dd'T'HH:mm:ss'Z'}";

    private static string? CommonNameOf(X500DistinguishedName name) =>
        name.EnumerateRelativeDistinguishedNames()
            .Where(rdn => rdn.GetSingleElementType().Value == "2.5.4.3")
            .Select(rdn => rdn.GetSingleElementValue())
            .LastOrDefault();

    private static string KeyAlgorithmOf(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not null)
        {
            return $"RSA {rsa.KeySize}";
        }

        using var ec = certificate.GetECDsaPublicKey();
        if (ec is not null)
        {
            return ec.KeySize switch { 256 => "EC P-256", 384 => "EC P-384", 521 => "EC P-521", var size => $"EC {size}" };
        }

        return certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value ?? "unknown";
    }
}
