namespace AwsTempCredentials.Testing.Signing;

/// <summary>
/// The parts of <c>Authorization: {algorithm} Credential={id}/{date}/{region}/{service}/aws4_request, SignedHeaders=…, Signature=…</c>.
/// </summary>
public sealed record SigV4Authorization(string Algorithm, string CredentialId, string Date, string Region, string Service, string Terminator,
    IReadOnlyList<string> SignedHeaders, string SignedHeadersText, string Signature)
{
    public string Scope => $"{Date}/{Region}/{Service}/{Terminator}";

    /// <summary>Parses the header; null when it is not in the SigV4 shape at all.</summary>
    public static SigV4Authorization? TryParse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return null;
        }

        var algorithm = header[..space];
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header[(space + 1)..].Split(','))
        {
            var kv = part.Trim().Split('=', 2);
            if (kv.Length != 2 || !fields.TryAdd(kv[0], kv[1]))
            {
                return null;
            }
        }

        if (fields.Count != 3 || !fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signedHeaders)
            || !fields.TryGetValue("Signature", out var signature))
        {
            return null;
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope.Any(string.IsNullOrEmpty) || signedHeaders.Length == 0)
        {
            return null;
        }

        return new SigV4Authorization(algorithm, scope[0], scope[1], scope[2], scope[3], scope[4], signedHeaders.Split(';'), signedHeaders, signature);
    }

    /// <summary>Signed header names are lower case, sorted, without duplicates.</summary>
    public bool SignedHeadersAreCanonical() =>
        SignedHeaders.All(h => h.Length > 0 && string.Equals(h, h.ToLowerInvariant(), StringComparison.Ordinal))
        && SignedHeaders.SequenceEqual(SignedHeaders.Order(StringComparer.Ordinal).Distinct(StringComparer.Ordinal));

    public bool SignatureIsLowerHex() =>
        Signature.Length > 0 && Signature.Length % 2 == 0 && Signature.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
