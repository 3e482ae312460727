namespace AwsTempCredentials.KeyMaterial.Pkcs11;

/// <summary>
/// A key (and usually its certificate) inside a PKCS#11 token, as the options name it: <c>pkcs11-uri</c>,
/// <c>pkcs11-module</c> and <c>pkcs11-pin</c>. A class, not a record, so that no generated ToString prints the PIN.
/// </summary>
public sealed class Pkcs11KeyReference(Pkcs11Uri uri, string uriText, string? modulePath, string? pin)
{
    public Pkcs11Uri Uri { get; } = uri;

    /// <summary>The URI as given, for messages and explain output.</summary>
    public string UriText { get; } = uriText;

    /// <summary><c>pkcs11-module</c>; null when the URI's module-path or module-name, or p11-kit's proxy, names the module.</summary>
    public string? ModulePath { get; } = modulePath;

    /// <summary>The user PIN (<c>pkcs11-pin</c>); null for a token that needs no login or has a PIN pad.</summary>
    public string? Pin { get; } = pin;

    public override string ToString() => UriText;
}
