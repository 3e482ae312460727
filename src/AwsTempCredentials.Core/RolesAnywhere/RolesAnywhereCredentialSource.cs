using AwsTempCredentials.Credentials;
using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.RolesAnywhere;

/// <summary>Credentials from IAM Roles Anywhere: CreateSession signed in memory with the certificate's key.</summary>
public sealed class RolesAnywhereCredentialSource(
    RolesAnywhereClient client, KeyMaterialInput keyMaterial, Arn trustAnchor, Arn profile, Arn role, string? sessionName, int durationSeconds, TimeProvider clock)
    : AwsCredentialSource
{
    /// <summary>Told which store certificate signs, when the key is in the OS certificate store.</summary>
    public Reporting.IReporter? Reporter { get; init; }

    public override string Description => $"IAM Roles Anywhere (trust anchor {trustAnchor}) → {role}";

    public override async Task<SessionCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        using var identity = SigningIdentityLoader.Load(keyMaterial, clock.GetUtcNow());
        if (keyMaterial.Store is { } store)
        {
            Reporter?.Info($"Signing through {store.StoreText} with the certificate {KeyMaterial.Store.CertificateStoreKeys.Describe(identity.Leaf)}.");
        }

        var request = new CreateSessionRequest(durationSeconds, profile.ToString(), role.ToString(), trustAnchor.ToString(), sessionName);
        return await client.CreateSessionAsync(request, trustAnchor.Region, identity, cancellationToken);
    }
}
