using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AwsTempCredentials.Testing.Iam;
using AwsTempCredentials.Testing.Signing;

namespace AwsTempCredentials.Testing.Sts;

/// <summary>
/// Verifies AWS4-HMAC-SHA256 on an STS request the way STS does: the canonical request rebuilt from what arrived,
/// scope {date}/{region}/sts/aws4_request, clock skew at most 15 minutes, a known unexpired access key and,
/// for temporary credentials, the matching X-Amz-Security-Token. Returns the caller.
/// </summary>
internal sealed class StsSignatureVerifier(IamDirectory iam, Func<string, bool> regionAccepted)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    public StoredCredential Verify(StsRequest request)
    {
        var headers = request.Context.Request.Headers;
        var header = headers.Authorization.ToString();
        if (header.Length == 0)
        {
            throw new StsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }

        var auth = SigV4Authorization.TryParse(header);
        if (auth is null || auth.Algorithm != Algorithm)
        {
            throw new StsError(400, "IncompleteSignature", $"Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters and algorithm {Algorithm}. Authorization={header}");
        }

        var amzDate = headers["X-Amz-Date"].ToString();
        if (!SigV4Canonical.TryParseAmzDate(amzDate, out var signedAt))
        {
            throw new StsError(400, "IncompleteSignature", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        if (!auth.SignedHeaders.Contains("host") || !auth.SignedHeadersAreCanonical() || auth.SignedHeaders.Any(h => !headers.ContainsKey(h)))
        {
            throw StsError.SignatureMismatch();
        }

        var now = iam.Clock.GetUtcNow();
        if (signedAt < now - MaxSkew)
        {
            throw StsError.SignatureDoesNotMatch($"Signature expired: {amzDate} is now earlier than {Format(now - MaxSkew)} ({Format(now)} - 15 min.)");
        }

        if (signedAt > now + MaxSkew)
        {
            throw StsError.SignatureDoesNotMatch($"Signature not yet current: {amzDate} is still later than {Format(now + MaxSkew)} ({Format(now)} + 15 min.)");
        }

        if (!iam.Credentials.TryGet(auth.CredentialId, out var credential))
        {
            throw StsError.InvalidClientTokenId();
        }

        if (auth.Date != amzDate[..8])
        {
            throw StsError.SignatureDoesNotMatch($"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{auth.Date}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        if (!regionAccepted(auth.Region))
        {
            throw StsError.SignatureDoesNotMatch($"Credential should be scoped to a valid region, not '{auth.Region}'. ");
        }

        if (auth.Service != "sts")
        {
            throw StsError.SignatureDoesNotMatch($"Credential should be scoped to correct service: 'sts'. ");
        }

        if (auth.Terminator != "aws4_request")
        {
            throw StsError.SignatureDoesNotMatch("Credential should be scoped with a valid terminator: 'aws4_request', not '" + auth.Terminator + "'. ");
        }

        var token = headers["X-Amz-Security-Token"].ToString();
        if (credential.IsTemporary ? !string.Equals(token, credential.SessionToken, StringComparison.Ordinal) : token.Length > 0)
        {
            throw StsError.InvalidClientTokenId();
        }

        var bodyHash = SigV4Canonical.HexSha256(request.Body);
        var payloadHash = headers["X-Amz-Content-SHA256"].ToString();
        if (payloadHash.Length > 0 && payloadHash != bodyHash)
        {
            throw StsError.SignatureMismatch();
        }

        var rawTarget = SigV4Canonical.RawTarget(request.Context);
        var canonicalRequest = string.Join('\n',
            request.Context.Request.Method,
            SigV4Canonical.CanonicalUri(rawTarget),
            SigV4Canonical.CanonicalQuery(rawTarget),
            SigV4Canonical.CanonicalHeaders(headers, auth.SignedHeaders),
            auth.SignedHeadersText,
            payloadHash.Length > 0 ? payloadHash : bodyHash);
        var stringToSign = string.Join('\n', Algorithm, amzDate, auth.Scope, SigV4Canonical.HexSha256(canonicalRequest));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(SigningKey(credential.SecretAccessKey, auth.Date, auth.Region), Encoding.UTF8.GetBytes(stringToSign)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(auth.Signature)))
        {
            throw StsError.SignatureMismatch();
        }

        if (iam.Credentials.IsExpired(credential))
        {
            throw StsError.ExpiredToken();
        }

        return credential;
    }

    private static byte[] SigningKey(string secret, string date, string region)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("sts"));
        return HMACSHA256.HashData(key, "aws4_request"u8.ToArray());
    }

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(SigV4Canonical.DateFormat, CultureInfo.InvariantCulture);
}
