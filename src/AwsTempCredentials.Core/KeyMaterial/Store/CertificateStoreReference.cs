using System.Security.Cryptography.X509Certificates;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.KeyMaterial.Store;

/// <summary>
/// A certificate and its private key in the OS certificate store (<c>cert-store</c> + <c>cert-selector</c>): Windows'
/// <c>CurrentUser\My</c> or <c>LocalMachine\My</c>, the macOS keychain. The key never leaves the store: signing goes through it.
/// </summary>
public sealed record CertificateStoreReference(StoreLocation Location, CertificateSelector Selector)
{
    public const string DefaultStore = @"CurrentUser\My";

    /// <summary><c>CurrentUser\My</c> or <c>LocalMachine\My</c>.</summary>
    public string StoreText => Location == StoreLocation.LocalMachine ? @"LocalMachine\My" : DefaultStore;

    /// <summary>
    /// Reads <c>cert-store</c> and <c>cert-selector</c> (a <c>file://PATH</c> selector is read from that JSON file); null when
    /// neither is given. Problems go to <paramref name="errors"/>, naming the option.
    /// </summary>
    public static CertificateStoreReference? FromOptions(string? store, string? selector, List<OptionError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (store is null && selector is null)
        {
            return null;
        }

        var errorsBefore = errors.Count;
        var location = StoreLocation.CurrentUser;
        if (store is not null)
        {
            if (ParseStore(store) is { } parsed)
            {
                location = parsed;
            }
            else
            {
                errors.Add(new OptionError(OptionNames.CertStore, $"'{store}' is not a certificate store this tool reads; use CurrentUser\\My (the default) or LocalMachine\\My."));
            }

            if (location == StoreLocation.LocalMachine && !OperatingSystem.IsWindows() && !OperatingSystem.IsMacOS())
            {
                errors.Add(new OptionError(OptionNames.CertStore, "LocalMachine\\My exists on Windows and macOS only; on Linux .NET keeps just CurrentUser\\My (under $HOME). Use CurrentUser\\My, or a PKCS#11 token (pkcs11-uri) for a key the machine protects."));
            }
        }

        if (selector is null)
        {
            errors.Add(new OptionError(OptionNames.CertSelector, $"is required with {OptionNames.CertStore}: which certificate to use, e.g. Key=x509Subject,Value=CN=build-agent or the certificate's thumbprint."));
            return null;
        }

        var text = ReadSelectorText(selector, errors);
        if (text is null)
        {
            return null;
        }

        var parsedSelector = CertificateSelector.TryParse(text, out var problem);
        if (parsedSelector is null)
        {
            errors.Add(new OptionError(OptionNames.CertSelector, problem ?? "is not a certificate selector."));
            return null;
        }

        return errors.Count > errorsBefore ? null : new CertificateStoreReference(location, parsedSelector);
    }

    private static StoreLocation? ParseStore(string text)
    {
        var normalized = text.Trim().Replace('/', '\\');
        if (normalized.StartsWith(@"Cert:\", StringComparison.OrdinalIgnoreCase))
        {
            normalized = normalized[6..];
        }

        return normalized.ToUpperInvariant() switch
        {
            @"CURRENTUSER\MY" or "MY" => StoreLocation.CurrentUser,
            @"LOCALMACHINE\MY" => StoreLocation.LocalMachine,
            _ => null,
        };
    }

    private static string? ReadSelectorText(string selector, List<OptionError> errors)
    {
        const string FilePrefix = "file://";
        const int MostBytes = 64 * 1024;
        if (!selector.StartsWith(FilePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return selector;
        }

        var path = selector[FilePrefix.Length..];
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MostBytes)
            {
                errors.Add(new OptionError(OptionNames.CertSelector, $"file '{path}' is larger than {MostBytes / 1024} KiB; a selector file holds a short JSON list."));
                return null;
            }

            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors.Add(new OptionError(OptionNames.CertSelector, $"file '{path}' cannot be read: {IO.FileProblems.Describe(e)}."));
            return null;
        }
    }
}
