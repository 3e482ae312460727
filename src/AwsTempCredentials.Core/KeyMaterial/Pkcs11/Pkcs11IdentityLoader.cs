using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Options;
using static AwsTempCredentials.KeyMaterial.Pkcs11.Pkcs11Native;

namespace AwsTempCredentials.KeyMaterial.Pkcs11;

/// <summary>
/// Opens the token a <see cref="Pkcs11KeyReference"/> names, logs in once, finds exactly one private key and its
/// certificate (from the token, or the <c>certificate</c> option), intermediates from the token and
/// <c>certificate-chain</c>, and returns an identity whose signatures the token makes. The key never leaves the token.
/// </summary>
internal static class Pkcs11IdentityLoader
{
    private const uint CkoPublicKey = 2;

    public static SigningIdentity Load(KeyMaterialInput input, Pkcs11KeyReference reference, DateTimeOffset now)
    {
        var (path, option) = Pkcs11ModuleLocator.Locate(reference);
        var module = Open(path, option);
        nuint? session = null;
        try
        {
            var token = ChooseToken(module, reference, path);
            session = module.OpenReadOnlySession(token.Slot);
            LogIn(module, session.Value, token, reference);
            var key = FindKey(module, session.Value, reference, token);
            var keyId = module.Attribute(session.Value, key, CkaId) ?? [];
            var keyLabel = Label(module, session.Value, key);
            var isRsa = ReadUlong(module.Attribute(session.Value, key, CkaKeyType)) switch
            {
                CkkRsa => true,
                CkkEc => false,
                var other => throw new KeyMaterialException(
                    $"The key {Describe(keyLabel, keyId)} on {token} is of PKCS#11 key type {other}, neither RSA nor EC.",
                    "Roles Anywhere signs with RSA or EC (P-256, P-384, P-521) keys."),
            };

            var tokenCertificates = AllCertificates(module, session.Value);
            X509Certificate2 leaf;
            var chain = new List<X509Certificate2>();
            try
            {
                if (input.Certificate is { } certificateBytes)
                {
                    (leaf, chain) = SigningIdentityLoader.LoadCertificates(certificateBytes);
                }
                else
                {
                    leaf = FindCertificate(module, session.Value, tokenCertificates, keyId, keyLabel, token, reference);
                }

                chain.AddRange(IssuersOnToken(leaf, tokenCertificates));
                if (input.CertificateChain is { } chainBytes && !chainBytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
                {
                    chain.AddRange(SigningIdentityLoader.LoadChain(chainBytes));
                }

                chain = SigningIdentityLoader.CheckChain(leaf, chain);
                EnsureMatches(module, session.Value, key, keyId, isRsa, leaf, Describe(keyLabel, keyId), token);
            }
            finally
            {
                // What the identity keeps was copied; the token's certificates as read go.
                tokenCertificates.ForEach(c => c.Certificate.Dispose());
            }

            SigningIdentityLoader.EnsureValid(leaf, now);
            var alwaysAuthenticate = module.Attribute(session.Value, key, CkaAlwaysAuthenticate) is [not 0, ..];
            var signer = new Pkcs11SignatureKey(module, session.Value, key, isRsa, alwaysAuthenticate, reference.Pin, $"the key {Describe(keyLabel, keyId)} on {token}");
            return new SigningIdentity(leaf, chain, signer) { Source = $"PKCS#11 key {Describe(keyLabel, keyId)} on {token}" };
        }
        catch (Pkcs11CallException e)
        {
            Close(module, session);
            throw new KeyMaterialException(
                $"The PKCS#11 module {path} failed: {e.Function} returned {Name(e.ReturnValue)}.",
                "Check the token is present and the module's own configuration (e.g. SOFTHSM2_CONF for SoftHSM, TPM2_PKCS11_STORE for tpm2-pkcs11).", e);
        }
        catch
        {
            Close(module, session);
            throw;
        }
    }

    private static void Close(Pkcs11Module module, nuint? session)
    {
        if (session is { } open)
        {
            module.CloseSessionQuietly(open);
        }

        module.Dispose();
    }

    private static Pkcs11Module Open(string path, string option)
    {
        if (Path.IsPathRooted(path) && !File.Exists(path))
        {
            throw Invalid(option, $"names the PKCS#11 module '{path}', which does not exist. Install the token's PKCS#11 library, or correct the path " +
                "(e.g. /usr/lib/softhsm/libsofthsm2.so, /usr/lib/x86_64-linux-gnu/libtpm2_pkcs11.so.1, opensc-pkcs11.so).");
        }

        try
        {
            return Pkcs11Module.Load(path);
        }
        catch (DllNotFoundException e)
        {
            throw Invalid(option, $"names '{path}', which could not be loaded as a library: {e.Message}");
        }
        catch (BadImageFormatException)
        {
            throw Invalid(option, $"names '{path}', which is not a library for this platform ({System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}).");
        }
        catch (EntryPointNotFoundException)
        {
            throw Invalid(option, $"names '{path}', which is not a PKCS#11 module: it has no C_GetFunctionList.");
        }
        catch (Pkcs11CallException e)
        {
            throw new KeyMaterialException(
                $"The PKCS#11 module {path} did not start: {e.Function} returned {Name(e.ReturnValue)}.",
                "Check the module's own configuration (e.g. SOFTHSM2_CONF for SoftHSM, TPM2_PKCS11_STORE and TPM2_PKCS11_TCTI for tpm2-pkcs11).", e);
        }
    }

    private static Pkcs11Module.TokenInfo ChooseToken(Pkcs11Module module, Pkcs11KeyReference reference, string path)
    {
        var uri = reference.Uri;
        var tokens = module.Tokens();
        var matches = tokens.Where(t =>
            (uri.Token is null || t.Label == uri.Token) &&
            (uri.Manufacturer is null || t.Manufacturer == uri.Manufacturer) &&
            (uri.Model is null || t.Model == uri.Model) &&
            (uri.Serial is null || t.Serial == uri.Serial) &&
            (uri.SlotId is null || (ulong)t.Slot == uri.SlotId)).ToList();
        if (matches.Count == 1)
        {
            return matches[0];
        }

        if (tokens.Count == 0)
        {
            throw new KeyMaterialException(
                $"The PKCS#11 module {path} has no token present.",
                "Insert or initialize the token, or check the module's configuration points at your tokens.");
        }

        var listed = string.Join("; ", tokens.Take(10).Select(t => t.ToString()));
        throw matches.Count == 0
            ? new KeyMaterialException(
                $"No token matches pkcs11-uri {reference.UriText}. The module {path} has: {listed}.",
                "Correct token= (the token's label) or serial= in the URI.")
            : new KeyMaterialException(
                $"pkcs11-uri {reference.UriText} matches {matches.Count} tokens: {string.Join("; ", matches.Take(10).Select(t => t.ToString()))}.",
                "Add serial=… (or token=…) to the URI to name one token.");
    }

    private static void LogIn(Pkcs11Module module, nuint session, Pkcs11Module.TokenInfo token, Pkcs11KeyReference reference)
    {
        if ((token.Flags & CkfUserPinLocked) != 0)
        {
            throw new KeyMaterialException(
                $"The user PIN of {token} is locked (too many wrong PINs); nothing was tried.",
                "Unlock it with the security officer PIN (e.g. pkcs11-tool --login --login-type so --init-pin), then run again.");
        }

        byte[]? pin;
        if (reference.Pin is { } text)
        {
            pin = Encoding.UTF8.GetBytes(text);
        }
        else if ((token.Flags & CkfProtectedAuthenticationPath) != 0)
        {
            pin = null;
        }
        else if ((token.Flags & CkfLoginRequired) != 0)
        {
            throw Invalid(OptionNames.Pkcs11Pin, $"is required: {token} needs a login before its private key can sign. " +
                "Give the user PIN as a secret (CLI: env:NAME, file:PATH or -; task and action: a secret variable).");
        }
        else
        {
            return;
        }

        // Exactly one attempt: a retry would spend another of the token's few tries.
        var rv = module.LogIn(session, CkuUser, pin);
        switch (rv)
        {
            case CkrOk or CkrUserAlreadyLoggedIn:
                return;
            case CkrPinIncorrect:
                var finalTry = (module.ReadTokenInfo(token.Slot).Flags & CkfUserPinFinalTry) != 0;
                throw new KeyMaterialException(
                    $"{token} refused the PIN given as pkcs11-pin: it is wrong (CKR_PIN_INCORRECT). It was tried once only, so the token is not locked by this run" +
                    (finalTry ? ", but one more wrong PIN will lock it." : "."),
                    "Check the secret that holds pkcs11-pin (no trailing newline, the user PIN rather than the SO PIN) before running again.");
            case CkrPinLocked:
                throw new KeyMaterialException(
                    $"The user PIN of {token} is locked (CKR_PIN_LOCKED).",
                    "Unlock it with the security officer PIN (e.g. pkcs11-tool --login --login-type so --init-pin), then run again.");
            case CkrPinExpired:
                throw new KeyMaterialException($"The user PIN of {token} has expired (CKR_PIN_EXPIRED).", "Set a new user PIN on the token, then update pkcs11-pin.");
            case CkrPinInvalid or CkrPinLenRange:
                throw Invalid(OptionNames.Pkcs11Pin, $"is not a PIN {token} accepts ({Name(rv)}: wrong length or characters).");
            case CkrUserPinNotInitialized:
                throw new KeyMaterialException($"{token} has no user PIN set (CKR_USER_PIN_NOT_INITIALIZED).", "Initialize the user PIN with the security officer PIN first.");
            default:
                throw new Pkcs11CallException("C_Login", rv);
        }
    }

    private static nuint FindKey(Pkcs11Module module, nuint session, Pkcs11KeyReference reference, Pkcs11Module.TokenInfo token)
    {
        var uri = reference.Uri;
        var template = new List<(uint, byte[])> { (CkaClass, Ulong(CkoPrivateKey)) };
        if (uri.ObjectLabel is { } label)
        {
            template.Add((CkaLabel, Encoding.UTF8.GetBytes(label)));
        }

        if (uri.Id is { } id)
        {
            template.Add((CkaId, id));
        }

        var keys = module.Find(session, template);
        if (keys.Count == 1)
        {
            return keys[0];
        }

        if (keys.Count == 0)
        {
            var all = module.Find(session, [(CkaClass, Ulong(CkoPrivateKey))]);
            var found = all.Count == 0
                ? $"{token} holds no private key visible to this login"
                : $"{token} holds the private keys {string.Join(", ", all.Take(10).Select(k => Describe(Label(module, session, k), module.Attribute(session, k, CkaId) ?? [])))}";
            throw new KeyMaterialException(
                $"No private key matches pkcs11-uri {reference.UriText} ({uri.DescribeObject()}): {found}.",
                "Correct object= (the key's label) or id= in the URI; list the token's objects with: pkcs11-tool --module MODULE --login --list-objects");
        }

        throw new KeyMaterialException(
            $"pkcs11-uri {reference.UriText} matches {keys.Count} private keys on {token}: {string.Join(", ", keys.Take(10).Select(k => Describe(Label(module, session, k), module.Attribute(session, k, CkaId) ?? [])))}.",
            "Name one key: add id=… (the key's CKA_ID, percent-encoded) or a distinct object= label to the URI.");
    }

    private static X509Certificate2 FindCertificate(
        Pkcs11Module module, nuint session, List<(nuint Handle, X509Certificate2 Certificate)> certificates, byte[] keyId, string? keyLabel,
        Pkcs11Module.TokenInfo token, Pkcs11KeyReference reference)
    {
        var matches = keyId.Length > 0
            ? certificates.Where(c => (module.Attribute(session, c.Handle, CkaId) ?? []).AsSpan().SequenceEqual(keyId)).ToList()
            : certificates.Where(c => keyLabel is not null && Label(module, session, c.Handle) == keyLabel).ToList();
        if (matches.Count == 1)
        {
            return X509CertificateLoader.LoadCertificate(matches[0].Certificate.RawData);
        }

        throw matches.Count == 0
            ? new KeyMaterialException(
                $"{token} holds no certificate for the key {Describe(keyLabel, keyId)} (none with the same CKA_ID{(keyId.Length > 0 ? string.Empty : " or label")}); pkcs11-uri {reference.UriText}.",
                "Write the certificate onto the token with the key's id (pkcs11-tool --write-object cert.der --type cert --id ID --label LABEL), or give it as the certificate option.")
            : new KeyMaterialException(
                $"{token} holds {matches.Count} certificates with the id of the key {Describe(keyLabel, keyId)}: {string.Join(", ", matches.Select(m => m.Certificate.Subject))}.",
                "Remove the stale certificate from the token, or give the right one as the certificate option.");
    }

    private static List<(nuint Handle, X509Certificate2 Certificate)> AllCertificates(Pkcs11Module module, nuint session)
    {
        var certificates = new List<(nuint, X509Certificate2)>();
        foreach (var handle in module.Find(session, [(CkaClass, Ulong(CkoCertificate))]))
        {
            if (module.Attribute(session, handle, CkaValue) is { Length: > 0 } der)
            {
                try
                {
                    certificates.Add((handle, X509CertificateLoader.LoadCertificate(der)));
                }
                catch (CryptographicException)
                {
                    // Not X.509 (a WTLS or attribute certificate): not part of any chain here.
                }
            }
        }

        return certificates;
    }

    /// <summary>The token's CA certificates from the leaf's issuer upwards, root excluded (the trust anchor holds it).</summary>
    private static List<X509Certificate2> IssuersOnToken(X509Certificate2 leaf, List<(nuint Handle, X509Certificate2 Certificate)> certificates)
    {
        var chain = new List<X509Certificate2>();
        var current = leaf;
        while (chain.Count < 8)
        {
            var issuer = certificates.Select(c => c.Certificate).FirstOrDefault(c =>
                c.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData) && !c.RawDataMemory.Span.SequenceEqual(current.RawDataMemory.Span));
            if (issuer is null || issuer.SubjectName.RawData.AsSpan().SequenceEqual(issuer.IssuerName.RawData) || chain.Contains(issuer))
            {
                break;
            }

            chain.Add(X509CertificateLoader.LoadCertificate(issuer.RawData));
            current = issuer;
        }

        return chain;
    }

    private static void EnsureMatches(
        Pkcs11Module module, nuint session, nuint key, byte[] keyId, bool isRsa, X509Certificate2 leaf, string keyDescription, Pkcs11Module.TokenInfo token)
    {
        bool? matches;
        if (isRsa)
        {
            using var rsa = leaf.GetRSAPublicKey();
            matches = rsa is null ? false
                : module.Attribute(session, key, CkaModulus) is { } modulus ? Trim(modulus).SequenceEqual(Trim(rsa.ExportParameters(false).Modulus!)) : null;
        }
        else
        {
            using var ec = leaf.GetECDsaPublicKey();
            var publicKeys = keyId.Length > 0 ? module.Find(session, [(CkaClass, Ulong(CkoPublicKey)), (CkaId, keyId)]) : [];
            var point = publicKeys.Count == 1 ? module.Attribute(session, publicKeys[0], CkaEcPoint) : null;
            matches = ec is null ? false
                : point is null ? null
                : Unwrap(point).SequenceEqual(leaf.PublicKey.EncodedKeyValue.RawData);
        }

        if (matches == false)
        {
            throw new KeyMaterialException(
                $"The certificate '{leaf.Subject}' does not belong to the key {keyDescription} on {token}.",
                "Write the certificate issued for this key onto the token with the key's id, or give it as the certificate option.");
        }
    }

    /// <summary>CKA_EC_POINT is a DER OCTET STRING around the point; some modules return the bare point.</summary>
    private static ReadOnlySpan<byte> Unwrap(byte[] point)
    {
        if (point.Length > 2 && point[0] == 0x04 && point[1] < 0x80 && point[1] == point.Length - 2)
        {
            return point.AsSpan(2);
        }

        if (point.Length > 3 && point[0] == 0x04 && point[1] == 0x81 && point[2] == point.Length - 3)
        {
            return point.AsSpan(3);
        }

        return point;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value)
    {
        while (value.Length > 1 && value[0] == 0)
        {
            value = value[1..];
        }

        return value;
    }

    private static string? Label(Pkcs11Module module, nuint session, nuint handle) =>
        module.Attribute(session, handle, CkaLabel) is { } label ? Encoding.UTF8.GetString(label) : null;

    private static string Describe(string? label, byte[] id) =>
        $"'{label ?? string.Empty}' (id {(id.Length == 0 ? "none" : Convert.ToHexStringLower(id))})";

    private static byte[] Ulong(uint value) =>
        Pkcs11Layout.UlongSize == 4 ? BitConverter.GetBytes(value) : BitConverter.GetBytes((ulong)value);

    private static uint ReadUlong(byte[]? bytes) => bytes switch
    {
        { Length: 4 } => BitConverter.ToUInt32(bytes),
        { Length: 8 } => (uint)BitConverter.ToUInt64(bytes),
        _ => uint.MaxValue,
    };

    private static InvalidOptionsException Invalid(string option, string message) => new([new OptionError(option, message)]);
}
