using AwsTempCredentials.Errors;
using AwsTempCredentials.Options;
using AwsTempCredentials.Reporting;

namespace AwsTempCredentials.Explain;

/// <summary>Turns an <see cref="ExplainRequest"/> into a <see cref="TrustExplanation"/>: reads the token or certificates, calls nothing at AWS.</summary>
public static class TrustExplainer
{
    private const string SuggestedRoleName = "ci-deploy";

    public static async Task<TrustExplanation> ExplainAsync(
        ExplainRequest request, Func<string, CancellationToken, Task<string>>? tokenProvider, IReporter reporter, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reporter);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var explanation = new TrustExplanation
        {
            Method = request.Method == AuthMethod.RolesAnywhere ? "roles-anywhere" : "web-identity",
            Partition = request.Partition,
            Account = request.Account,
            RoleArn = request.RoleToAssume?.ToString(),
            RoleName = request.RoleToAssume?.ResourceName ?? SuggestedRoleName,
        };

        if (request.Method == AuthMethod.RolesAnywhere)
        {
            var (leaf, chain) = ExplainCertificates.Load(request.KeyMaterial, now);
            if (request.KeyMaterial.Pkcs11 is { } tokenKey)
            {
                reporter.Info($"Certificate '{leaf.Subject}' (serial {leaf.SerialNumber}, issued by '{leaf.Issuer}') read from the PKCS#11 token: {tokenKey.UriText}.");
            }

            try
            {
                var trust = RolesAnywhereTrust.Build(leaf, chain, request.TrustAnchorArn?.ToString(), request.ProfileArn?.ToString(), request.RoleToAssume?.ToString(), now);
                if (request.KeyMaterial.Store is { } store)
                {
                    trust = trust with { Store = new StoreCertificate(store.StoreText, store.Selector.ToString(), KeyMaterial.Store.CertificateSelector.ThumbprintOf(leaf)) };
                }

                return explanation with { RolesAnywhere = trust };
            }
            finally
            {
                leaf.Dispose();
                chain.ForEach(c => c.Dispose());
            }
        }

        var token = await ReadTokenAsync(request, tokenProvider, cancellationToken);
        reporter.RegisterSecret(token);
        var claims = OidcTokenClaims.TryRead(token);
        if (claims is null || claims.Issuer is null || claims.Subject is null || claims.Audiences.Count == 0)
        {
            throw new InvalidOptionsException([new OptionError(
                OptionNames.WebIdentityTokenFile,
                claims is null
                    ? "does not hold an OIDC token: expected a JWT (three base64url parts separated by dots)."
                    : "holds a JWT without iss, sub or aud: it is not an OIDC ID token STS can accept.")]);
        }

        return explanation with { WebIdentity = OidcTrust.Build(claims, request.Audience, request.Partition, request.Account, now) };
    }

    private static async Task<string> ReadTokenAsync(ExplainRequest request, Func<string, CancellationToken, Task<string>>? tokenProvider, CancellationToken cancellationToken)
    {
        if (request.WebIdentityTokenFile is { } path)
        {
            string text;
            try
            {
                text = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOptionsException([new OptionError(OptionNames.WebIdentityTokenFile, $"'{path}' cannot be read: {e.Message}")]);
            }

            return text.Length > 0 ? text : throw new InvalidOptionsException([new OptionError(OptionNames.WebIdentityTokenFile, $"'{path}' is empty.")]);
        }

        return tokenProvider is not null
            ? await tokenProvider(request.Audience, cancellationToken)
            : throw new InvalidOptionsException([new OptionError(OptionNames.WebIdentityTokenFile, "is required: no OIDC token is available.")]);
    }
}
