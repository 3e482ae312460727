using System.Security.Cryptography.X509Certificates;

namespace AwsTempCredentials.Testing.RolesAnywhere;

/// <summary>A Roles Anywhere trust anchor: a CA certificate bundle source, in one region of one account.</summary>
public sealed record TrustAnchor(string Arn, string Partition, string Region, string AccountId, X509Certificate2 Certificate)
{
    public bool Enabled { get; init; } = true;
}
