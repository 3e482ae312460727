using System.Security.Cryptography;
using System.Text;

namespace AwsTempCredentials.KeyMaterial;

/// <summary>Finds PEM blocks in text (RFC 7468), in order, with their labels.</summary>
internal static class PemBlocks
{
    public static bool LooksLikePem(ReadOnlySpan<byte> data) => data.IndexOf("-----BEGIN "u8) >= 0;

    public static List<(string Label, byte[] Data, string Text)> Read(string text)
    {
        var blocks = new List<(string, byte[], string)>();
        var remaining = text.AsSpan();
        var offset = 0;
        while (PemEncoding.TryFind(remaining, out var fields))
        {
            var label = remaining[fields.Label].ToString();
            var data = Convert.FromBase64String(remaining[fields.Base64Data].ToString());
            blocks.Add((label, data, remaining[fields.Location].ToString()));
            offset = fields.Location.End.GetOffset(remaining.Length);
            remaining = remaining[offset..];
        }

        return blocks;
    }

    /// <summary>Text that is base64 of binary (a PKCS#12 or DER pasted into a secret), decoded; null otherwise.</summary>
    public static byte[]? TryDecodeBase64(ReadOnlySpan<byte> data)
    {
        var text = Encoding.ASCII.GetString(data).Trim();
        if (text.Length < 16)
        {
            return null;
        }

        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        var buffer = new byte[compact.Length];
        return Convert.TryFromBase64String(compact, buffer, out var written) ? buffer[..written] : null;
    }
}
