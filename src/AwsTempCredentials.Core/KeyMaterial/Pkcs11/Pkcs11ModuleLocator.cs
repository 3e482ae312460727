using AwsTempCredentials.Errors;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.KeyMaterial.Pkcs11;

/// <summary>
/// Which module file to load: <c>pkcs11-module</c>, else the URI's module-path, else the URI's module-name looked
/// up in p11-kit's module configuration (<c>NAME.module</c> in /etc/pkcs11/modules or /usr/share/p11-kit/modules),
/// else p11-kit's proxy module, which loads every module p11-kit is configured with.
/// </summary>
internal static class Pkcs11ModuleLocator
{
    private static readonly string[] ConfigurationDirectories = ["/etc/pkcs11/modules", "/usr/share/p11-kit/modules", "/usr/local/share/p11-kit/modules"];

    private static readonly string[] LibraryDirectories =
    [
        "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib",
        "/opt/homebrew/lib", "/usr/local/opt/p11-kit/lib",
    ];

    /// <summary>The module path and the option that named it (for messages).</summary>
    public static (string Path, string Option) Locate(Pkcs11KeyReference reference)
    {
        if (reference.ModulePath is { } explicitPath)
        {
            return (explicitPath, OptionNames.Pkcs11Module);
        }

        if (reference.Uri.ModulePath is { } uriPath)
        {
            return (uriPath, OptionNames.Pkcs11Uri);
        }

        if (reference.Uri.ModuleName is { } name)
        {
            return (FromP11KitConfiguration(name) ?? throw Invalid(OptionNames.Pkcs11Uri,
                $"names module-name={name}, but p11-kit has no module of that name (no {name}.module in {string.Join(" or ", ConfigurationDirectories)}). " +
                "Give the module's file as pkcs11-module instead."), OptionNames.Pkcs11Uri);
        }

        var proxy = LibraryDirectories.Select(d => Path.Combine(d, "p11-kit-proxy.so")).Append("/usr/local/lib/p11-kit-proxy.dylib").FirstOrDefault(File.Exists);
        return (proxy ?? throw Invalid(OptionNames.Pkcs11Module,
            "is required: no PKCS#11 module was named and p11-kit's proxy module (p11-kit-proxy.so) is not installed. " +
            "Give the token's module, e.g. --pkcs11-module /usr/lib/softhsm/libsofthsm2.so, or module-path=… in the URI."), OptionNames.Pkcs11Module);
    }

    private static string? FromP11KitConfiguration(string name)
    {
        foreach (var directory in ConfigurationDirectories)
        {
            var file = Path.Combine(directory, name + ".module");
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file))
            {
                var trimmed = line.Trim();
                if (trimmed.StartsWith("module:", StringComparison.Ordinal))
                {
                    var module = trimmed[7..].Trim();
                    return Path.IsPathRooted(module)
                        ? module
                        : LibraryDirectories.Select(d => Path.Combine(d, "pkcs11", module)).FirstOrDefault(File.Exists) ?? module;
                }
            }
        }

        return null;
    }

    private static InvalidOptionsException Invalid(string option, string message) => new([new OptionError(option, message)]);
}
