using System.Runtime.InteropServices;
using System.Text;
using AwsTempCredentials.KeyMaterial.Pkcs11;
using AwsTempCredentials.Testing.Pkcs11;
using static AwsTempCredentials.KeyMaterial.Pkcs11.Pkcs11Native;

namespace AwsTempCredentials.Tests.Pkcs11;

/// <summary>
/// Looks at a SoftHSM2 token's private keys from inside the test process, through the product's own Cryptoki
/// binding, logged in as the user: what a thief with the PIN could read. SoftHSM2 reads SOFTHSM2_CONF from the
/// native environment at C_Initialize, so the variable is set with setenv(3) and the module used one token at a time.
/// </summary>
internal static partial class TokenKeyInspector
{
    private static readonly Lock Gate = new();

    public sealed record KeyFacts(string Label, bool Sensitive, bool Extractable, bool ValueReadable);

    public static List<KeyFacts> PrivateKeys(SoftHsmToken token)
    {
        lock (Gate)
        {
            Assert.Equal(0, SetEnvironment("SOFTHSM2_CONF", token.ConfigurationPath, 1));
            using var module = Pkcs11Module.Load(SoftHsmToken.ModulePath);
            var slot = module.Tokens().Single(t => t.Label == token.Label).Slot;
            var session = module.OpenReadOnlySession(slot);
            try
            {
                Assert.Equal(CkrOk, module.LogIn(session, CkuUser, Encoding.UTF8.GetBytes(token.Pin)));
                var keys = module.Find(session, [(CkaClass, BitConverter.GetBytes((ulong)CkoPrivateKey))]);
                return keys.Select(k => new KeyFacts(
                    Encoding.UTF8.GetString(module.Attribute(session, k, CkaLabel) ?? []),
                    module.Attribute(session, k, CkaSensitive) is [not 0],
                    module.Attribute(session, k, CkaExtractable) is not [0],
                    module.Attribute(session, k, CkaValue) is not null)).ToList();
            }
            finally
            {
                module.CloseSessionQuietly(session);
            }
        }
    }

    /// <summary>Asserts every private key on the token is sensitive, not extractable, and its value cannot be read.</summary>
    public static void AssertKeysNeverLeave(SoftHsmToken token)
    {
        var keys = PrivateKeys(token);
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            Assert.True(key.Sensitive, $"{key.Label}: CKA_SENSITIVE is false");
            Assert.False(key.Extractable, $"{key.Label}: CKA_EXTRACTABLE is true");
            Assert.False(key.ValueReadable, $"{key.Label}: CKA_VALUE of the private key could be read");
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
