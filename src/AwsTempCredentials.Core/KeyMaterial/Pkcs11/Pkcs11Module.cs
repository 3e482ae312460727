using System.Runtime.InteropServices;
using System.Text;
using static AwsTempCredentials.KeyMaterial.Pkcs11.Pkcs11Native;

namespace AwsTempCredentials.KeyMaterial.Pkcs11;

/// <summary>
/// A PKCS#11 module loaded into this process, reduced to the thirteen Cryptoki calls a signature needs.
/// </summary>
/// <remarks>
/// Written here rather than taken from Pkcs11Interop: that library reaches its functions through
/// Marshal.GetDelegateForFunctionPointer, and the Native AOT publish of this executable reports it (IL3053,
/// "produced AOT analysis warnings"), which this project treats as an error. Unmanaged function pointers
/// (<c>delegate* unmanaged[Cdecl]</c>) read from C_GetFunctionList need no runtime code generation and no marshalling.
/// </remarks>
internal sealed unsafe class Pkcs11Module : IDisposable
{
    private const int Initialize = 0;
    private const int FinalizeIndex = 1;
    private const int GetSlotList = 4;
    private const int GetTokenInfo = 6;
    private const int OpenSession = 12;
    private const int CloseSession = 13;
    private const int Login = 18;
    private const int GetAttributeValue = 24;
    private const int FindObjectsInit = 26;
    private const int FindObjects = 27;
    private const int FindObjectsFinal = 28;
    private const int SignInit = 42;
    private const int Sign = 43;
    private const int FunctionCount = 44;

    private static readonly nuint Unavailable = Pkcs11Layout.UlongSize == 4 ? uint.MaxValue : nuint.MaxValue;

    private readonly nint _library;
    private readonly nint[] _functions;
    private bool _initialized;

    private Pkcs11Module(nint library, nint[] functions)
    {
        _library = library;
        _functions = functions;
    }

    public sealed record TokenInfo(nuint Slot, string Label, string Manufacturer, string Model, string Serial, uint Flags)
    {
        public override string ToString() =>
            $"token '{Label}' (manufacturer '{Manufacturer}', model '{Model}', serial '{Serial}', slot {Slot})";
    }

    /// <summary>Loads the module and calls C_Initialize. Throws <see cref="DllNotFoundException"/> or <see cref="EntryPointNotFoundException"/>.</summary>
    public static Pkcs11Module Load(string path)
    {
        var library = NativeLibrary.Load(path);
        try
        {
            var getFunctionList = (delegate* unmanaged[Cdecl]<byte**, nuint>)NativeLibrary.GetExport(library, "C_GetFunctionList");
            byte* list = null;
            Check("C_GetFunctionList", getFunctionList(&list));
            var functions = new nint[FunctionCount];
            for (var i = 0; i < FunctionCount; i++)
            {
                functions[i] = Pkcs11Layout.ReadPointer(list + Pkcs11Layout.FunctionListOffset + (i * IntPtr.Size));
            }

            var module = new Pkcs11Module(library, functions);
            var rv = Pkcs11Layout.Rv(((delegate* unmanaged[Cdecl]<void*, nuint>)functions[Initialize])(null));
            if (rv != CkrOk && rv != CkrCryptokiAlreadyInitialized)
            {
                throw new Pkcs11CallException("C_Initialize", rv);
            }

            module._initialized = rv == CkrOk;
            return module;
        }
        catch
        {
            NativeLibrary.Free(library);
            throw;
        }
    }

    public List<TokenInfo> Tokens()
    {
        var getSlotList = (delegate* unmanaged[Cdecl]<byte, byte*, nuint*, nuint>)_functions[GetSlotList];
        nuint count = 0;
        Check("C_GetSlotList", getSlotList(1, null, &count));
        var buffer = Pkcs11Layout.Allocate((int)count * Pkcs11Layout.UlongSize);
        try
        {
            Check("C_GetSlotList", getSlotList(1, buffer, &count));
            var tokens = new List<TokenInfo>();
            for (var i = 0; i < (int)count; i++)
            {
                tokens.Add(ReadTokenInfo(Pkcs11Layout.ReadUlong(buffer + (i * Pkcs11Layout.UlongSize))));
            }

            return tokens;
        }
        finally
        {
            NativeMemory.Free(buffer);
        }
    }

    public TokenInfo ReadTokenInfo(nuint slot)
    {
        // CK_TOKEN_INFO: label[32], manufacturerID[32], model[16], serialNumber[16], flags, … (at most ~200 bytes).
        var info = Pkcs11Layout.Allocate(512);
        try
        {
            Check("C_GetTokenInfo", ((delegate* unmanaged[Cdecl]<nuint, byte*, nuint>)_functions[GetTokenInfo])(slot, info));
            static string Text(byte* at, int length) => Encoding.UTF8.GetString(at, length).TrimEnd(' ', '\0');
            return new TokenInfo(slot, Text(info, 32), Text(info + 32, 32), Text(info + 64, 16), Text(info + 80, 16), (uint)Pkcs11Layout.ReadUlong(info + 96));
        }
        finally
        {
            NativeMemory.Free(info);
        }
    }

    public nuint OpenReadOnlySession(nuint slot)
    {
        nuint session = 0;
        Check("C_OpenSession", ((delegate* unmanaged[Cdecl]<nuint, nuint, void*, void*, nuint*, nuint>)_functions[OpenSession])(slot, CkfSerialSession, null, null, &session));
        return session;
    }

    public void CloseSessionQuietly(nuint session) => ((delegate* unmanaged[Cdecl]<nuint, nuint>)_functions[CloseSession])(session);

    /// <summary>One C_Login; returns its CK_RV for the caller to explain. A null PIN is a protected authentication path (PIN pad).</summary>
    public uint LogIn(nuint session, uint userType, byte[]? pin)
    {
        fixed (byte* pinBytes = pin)
        {
            return Pkcs11Layout.Rv(((delegate* unmanaged[Cdecl]<nuint, nuint, byte*, nuint, nuint>)_functions[Login])(
                session, userType, pin is null ? null : pinBytes, (nuint)(pin?.Length ?? 0)));
        }
    }

    /// <summary>Every object matching the template (attribute type → exact value).</summary>
    public List<nuint> Find(nuint session, IReadOnlyList<(uint Type, byte[] Value)> template)
    {
        var handles = new List<nuint>();
        var pinned = template.Select(t => GCHandle.Alloc(t.Value, GCHandleType.Pinned)).ToList();
        var attributes = Pkcs11Layout.Allocate(template.Count * Pkcs11Layout.TripleSize);
        var found = Pkcs11Layout.Allocate(64 * Pkcs11Layout.UlongSize);
        try
        {
            for (var i = 0; i < template.Count; i++)
            {
                Pkcs11Layout.WriteTriple(attributes + (i * Pkcs11Layout.TripleSize), template[i].Type, (void*)pinned[i].AddrOfPinnedObject(), (nuint)template[i].Value.Length);
            }

            Check("C_FindObjectsInit", ((delegate* unmanaged[Cdecl]<nuint, byte*, nuint, nuint>)_functions[FindObjectsInit])(session, attributes, (nuint)template.Count));
            try
            {
                while (handles.Count < 4096)
                {
                    nuint count = 0;
                    Check("C_FindObjects", ((delegate* unmanaged[Cdecl]<nuint, byte*, nuint, nuint*, nuint>)_functions[FindObjects])(session, found, 64, &count));
                    if (count == 0)
                    {
                        break;
                    }

                    for (var i = 0; i < (int)count; i++)
                    {
                        handles.Add(Pkcs11Layout.ReadUlong(found + (i * Pkcs11Layout.UlongSize)));
                    }
                }
            }
            finally
            {
                ((delegate* unmanaged[Cdecl]<nuint, nuint>)_functions[FindObjectsFinal])(session);
            }

            return handles;
        }
        finally
        {
            NativeMemory.Free(found);
            NativeMemory.Free(attributes);
            foreach (var handle in pinned)
            {
                handle.Free();
            }
        }
    }

    /// <summary>One attribute's value; null when the object has no such attribute or it may not be read (sensitive).</summary>
    public byte[]? Attribute(nuint session, nuint handle, uint type)
    {
        var getAttributeValue = (delegate* unmanaged[Cdecl]<nuint, nuint, byte*, nuint, nuint>)_functions[GetAttributeValue];
        var attribute = Pkcs11Layout.Allocate(Pkcs11Layout.TripleSize);
        try
        {
            Pkcs11Layout.WriteTriple(attribute, type, null, 0);
            var rv = Pkcs11Layout.Rv(getAttributeValue(session, handle, attribute, 1));
            var length = Pkcs11Layout.ReadTripleLength(attribute);
            if (rv != CkrOk || length == Unavailable)
            {
                return rv is CkrOk or CkrAttributeSensitive or CkrAttributeTypeInvalid ? null : throw new Pkcs11CallException("C_GetAttributeValue", rv);
            }

            var value = new byte[(int)length];
            fixed (byte* at = value)
            {
                Pkcs11Layout.WriteTriple(attribute, type, at, length);
                Check("C_GetAttributeValue", getAttributeValue(session, handle, attribute, 1));
                return value[..(int)Pkcs11Layout.ReadTripleLength(attribute)];
            }
        }
        finally
        {
            NativeMemory.Free(attribute);
        }
    }

    /// <summary>C_SignInit then C_Sign, with no mechanism parameter. <paramref name="contextLogin"/> runs between them (CKA_ALWAYS_AUTHENTICATE).</summary>
    public byte[] SignData(nuint session, nuint key, uint mechanism, ReadOnlySpan<byte> data, Action? contextLogin)
    {
        var mechanismStruct = Pkcs11Layout.Allocate(Pkcs11Layout.TripleSize);
        try
        {
            Pkcs11Layout.WriteTriple(mechanismStruct, mechanism, null, 0);
            Check("C_SignInit", ((delegate* unmanaged[Cdecl]<nuint, byte*, nuint, nuint>)_functions[SignInit])(session, mechanismStruct, key));
        }
        finally
        {
            NativeMemory.Free(mechanismStruct);
        }

        contextLogin?.Invoke();

        // Large enough for RSA-8192 and any EC curve: one C_Sign call, so the operation ends either way.
        var signature = new byte[1024];
        nuint length = (nuint)signature.Length;
        fixed (byte* input = data)
        fixed (byte* output = signature)
        {
            Check("C_Sign", ((delegate* unmanaged[Cdecl]<nuint, byte*, nuint, byte*, nuint*, nuint>)_functions[Sign])(session, input, (nuint)data.Length, output, &length));
        }

        return signature[..(int)length];
    }

    public void Dispose()
    {
        if (_initialized)
        {
            ((delegate* unmanaged[Cdecl]<void*, nuint>)_functions[FinalizeIndex])(null);
            _initialized = false;
        }

        // The library stays mapped: some modules start threads or register atexit handlers that outlive C_Finalize.
        GC.KeepAlive(_library);
    }

    private static void Check(string function, nuint raw)
    {
        var rv = Pkcs11Layout.Rv(raw);
        if (rv != CkrOk)
        {
            throw new Pkcs11CallException(function, rv);
        }
    }
}
