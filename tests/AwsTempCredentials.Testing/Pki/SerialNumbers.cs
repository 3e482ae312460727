using System.Numerics;
using System.Security.Cryptography;

namespace AwsTempCredentials.Testing.Pki;

/// <summary>Random positive certificate serial numbers, as a CA would give (big-endian bytes, first byte 0x01..0x7F).</summary>
public static class SerialNumbers
{
    public static byte[] NewRandom(int length = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 20);
        var serial = RandomNumberGenerator.GetBytes(length);
        serial[0] = (byte)(1 + (serial[0] % 0x7F));
        return serial;
    }

    /// <summary>The serial in decimal, as Roles Anywhere puts it in the Authorization credential.</summary>
    public static string ToDecimal(ReadOnlySpan<byte> bigEndian) =>
        new BigInteger(bigEndian, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
