using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AwsTempCredentials.KeyMaterial.Pkcs11;

/// <summary>
/// How Cryptoki's types sit in memory on this platform. On Linux and macOS CK_ULONG is C <c>unsigned long</c>
/// (pointer-sized on 64-bit) and structures are naturally aligned; on Windows CK_ULONG is 32 bits and every
/// structure is packed to 1 byte (pkcs11.h's <c>#pragma pack(push, cryptoki, 1)</c>). CK_ATTRIBUTE and
/// CK_MECHANISM share one shape: a CK_ULONG, a pointer, a CK_ULONG.
/// </summary>
internal static unsafe class Pkcs11Layout
{
    public static readonly bool Windows = OperatingSystem.IsWindows();

    /// <summary>sizeof(CK_ULONG).</summary>
    public static readonly int UlongSize = Windows ? 4 : IntPtr.Size;

    /// <summary>Offset of the first function pointer in CK_FUNCTION_LIST, after its 2-byte CK_VERSION.</summary>
    public static readonly int FunctionListOffset = Windows ? 2 : IntPtr.Size;

    /// <summary>sizeof(CK_ATTRIBUTE) and sizeof(CK_MECHANISM).</summary>
    public static readonly int TripleSize = (2 * UlongSize) + IntPtr.Size;

    /// <summary>A CK_RV as returned: on Windows only the low 32 bits are defined.</summary>
    public static uint Rv(nuint raw) => (uint)raw;

    public static nuint ReadUlong(byte* at) => UlongSize == 4 ? Unsafe.ReadUnaligned<uint>(at) : Unsafe.ReadUnaligned<nuint>(at);

    public static nint ReadPointer(byte* at) => Unsafe.ReadUnaligned<nint>(at);

    public static void WriteUlong(byte* at, nuint value)
    {
        if (UlongSize == 4)
        {
            Unsafe.WriteUnaligned(at, (uint)value);
        }
        else
        {
            Unsafe.WriteUnaligned(at, value);
        }
    }

    /// <summary>Writes one CK_ATTRIBUTE / CK_MECHANISM at <paramref name="at"/>.</summary>
    public static void WriteTriple(byte* at, nuint type, void* value, nuint length)
    {
        WriteUlong(at, type);
        Unsafe.WriteUnaligned(at + UlongSize, (nint)value);
        WriteUlong(at + UlongSize + IntPtr.Size, length);
    }

    public static nuint ReadTripleLength(byte* at) => ReadUlong(at + UlongSize + IntPtr.Size);

    public static byte* Allocate(int bytes) => (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(bytes, 1));
}
