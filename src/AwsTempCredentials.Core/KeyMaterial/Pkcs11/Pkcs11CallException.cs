namespace AwsTempCredentials.KeyMaterial.Pkcs11;

/// <summary>A Cryptoki call that returned something other than CKR_OK; the loader turns it into a message in plain words.</summary>
internal sealed class Pkcs11CallException(string function, uint returnValue)
    : Exception($"{function} returned {Pkcs11Native.Name(returnValue)}.")
{
    public string Function { get; } = function;

    public uint ReturnValue { get; } = returnValue;
}
