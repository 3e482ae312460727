using System.Collections.Concurrent;
using AwsTempCredentials.Testing.Oidc;

namespace AwsTempCredentials.Testing.Iam;

/// <summary>The IAM side both fakes consult: users, roles, OIDC providers, and the shared credential store.</summary>
public sealed class IamDirectory(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, FakeRole> _roles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OidcProvider> _oidcProviders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IamUser> _users = new(StringComparer.Ordinal);

    public TimeProvider Clock { get; } = clock;

    public CredentialStore Credentials { get; } = new(clock);

    public IamUser AddUser(FakeAccount account, string name)
    {
        ArgumentNullException.ThrowIfNull(account);
        var user = new IamUser(account, name, AwsIdentifiers.NewUserId(), AwsIdentifiers.NewUserAccessKeyId(), AwsIdentifiers.NewSecretAccessKey());
        if (!_users.TryAdd(user.Arn, user))
        {
            throw new InvalidOperationException($"User {user.Arn} exists.");
        }

        Credentials.Add(new StoredCredential(user.AccessKeyId, user.SecretAccessKey, null, null,
            new CallerPrincipal(account.Partition, account.Id, user.Arn, user.UserId)));
        return user;
    }

    public FakeRole AddRole(FakeRole role)
    {
        ArgumentNullException.ThrowIfNull(role);
        if (role.MaxSessionDurationSeconds is < 3600 or > 43200)
        {
            throw new ArgumentException("MaxSessionDuration must be 3600..43200.", nameof(role));
        }

        _roles[role.Arn] = role;
        return role;
    }

    public bool TryGetRole(string arn, out FakeRole role) => _roles.TryGetValue(arn, out role!);

    public void AddOidcProvider(JwtIssuer issuer, IReadOnlyList<string> clientIds)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        _oidcProviders[issuer.Issuer] = new OidcProvider(issuer, clientIds);
    }

    public bool TryGetOidcProvider(string issuer, out OidcProvider provider) => _oidcProviders.TryGetValue(issuer, out provider!);
}
