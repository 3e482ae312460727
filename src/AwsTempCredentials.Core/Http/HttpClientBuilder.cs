using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using AwsTempCredentials.Errors;

namespace AwsTempCredentials.Http;

/// <summary>Builds the one HttpClient configuration every client uses: connect timeout, the settings' proxy, trust.</summary>
public static class HttpClientBuilder
{
    public static HttpClient Create(HttpSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = settings.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            // The settings' proxy or none: never .NET's default proxy, which reads the environment once per process.
            Proxy = settings.Proxy.ToWebProxy(),
            UseProxy = settings.Proxy.Address is not null,
            AllowAutoRedirect = false,
        };

        if (settings.CaBundlePath is { } bundle)
        {
            var roots = LoadBundle(bundle);
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(roots, certificate, chain, errors),
            };
        }

        return new HttpClient(handler, disposeHandler: true) { Timeout = settings.AttemptTimeout };
    }

    private static X509Certificate2Collection LoadBundle(string path)
    {
        try
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(path);
            return roots.Count > 0 ? roots : throw new System.Security.Cryptography.CryptographicException("No certificate in the bundle.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOptionsException([new Options.OptionError("AWS_CA_BUNDLE", $"'{path}' {(e is System.Security.Cryptography.CryptographicException ? "does not hold PEM CA certificates" : "cannot be read")}: point it at a readable PEM bundle, or unset it.")]);
        }
    }

    private static bool Validate(X509Certificate2Collection roots, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
