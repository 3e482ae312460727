using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using AwsTempCredentials.Errors;
using static AwsTempCredentials.KeyMaterial.Pkcs11.Pkcs11Native;

namespace AwsTempCredentials.KeyMaterial.Pkcs11;

/// <summary>
/// A private key that stays inside a PKCS#11 token: the token signs, this process only sees signatures.
/// RSA: CKM_SHA256_RSA_PKCS, or CKM_RSA_PKCS over a SHA-256 DigestInfo on tokens without the former.
/// EC: CKM_ECDSA over the SHA-256 digest (Roles Anywhere uses SHA-256 with every curve); the token's raw r‖s
/// is re-encoded as the DER SEQUENCE Roles Anywhere expects.
/// </summary>
internal sealed class Pkcs11SignatureKey(Pkcs11Module module, nuint session, nuint key, bool isRsa, bool alwaysAuthenticate, string? pin, string description)
    : SignatureKey
{
    private static readonly byte[] Sha256DigestInfoPrefix = [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20];

    private bool _hashOnHost;

    public override bool IsRsa => isRsa;

    public override byte[] Sign(ReadOnlySpan<byte> data)
    {
        try
        {
            if (!isRsa)
            {
                return RawToDer(module.SignData(session, key, CkmEcdsa, SHA256.HashData(data), ContextLogin()));
            }

            if (!_hashOnHost)
            {
                try
                {
                    return module.SignData(session, key, CkmSha256RsaPkcs, data, ContextLogin());
                }
                catch (Pkcs11CallException e) when (e is { Function: "C_SignInit", ReturnValue: CkrMechanismInvalid })
                {
                    _hashOnHost = true;
                }
            }

            return module.SignData(session, key, CkmRsaPkcs, [.. Sha256DigestInfoPrefix, .. SHA256.HashData(data)], ContextLogin());
        }
        catch (Pkcs11CallException e)
        {
            throw new KeyMaterialException(
                $"The PKCS#11 token refused to sign with {description}: {e.Function} returned {Name(e.ReturnValue)}.",
                e.ReturnValue == CkrKeyFunctionNotPermitted
                    ? "The key is not allowed to sign (CKA_SIGN is false); generate the key with signing allowed."
                    : "Check the token is present and the key can sign with RSA PKCS#1 v1.5 or ECDSA.", e);
        }
    }

    private Action? ContextLogin() => alwaysAuthenticate
        ? () =>
        {
            var rv = module.LogIn(session, CkuContextSpecific, pin is null ? null : Encoding.UTF8.GetBytes(pin));
            if (rv != CkrOk)
            {
                throw new Pkcs11CallException("C_Login (context specific)", rv);
            }
        }
        : null;

    /// <summary>IEEE P1363 r‖s (what CKM_ECDSA returns) → DER SEQUENCE { INTEGER r, INTEGER s }.</summary>
    internal static byte[] RawToDer(ReadOnlySpan<byte> raw)
    {
        if (raw.Length == 0 || raw.Length % 2 != 0)
        {
            throw new KeyMaterialException($"The PKCS#11 token returned an ECDSA signature of {raw.Length} bytes, which is not r‖s.");
        }

        var half = raw.Length / 2;
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(Minimal(raw[..half]));
            writer.WriteIntegerUnsigned(Minimal(raw[half..]));
        }

        return writer.Encode();
    }

    private static ReadOnlySpan<byte> Minimal(ReadOnlySpan<byte> value)
    {
        while (value.Length > 1 && value[0] == 0)
        {
            value = value[1..];
        }

        return value;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            module.CloseSessionQuietly(session);
            module.Dispose();
        }
    }
}
