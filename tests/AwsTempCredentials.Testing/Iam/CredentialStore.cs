using System.Collections.Concurrent;

namespace AwsTempCredentials.Testing.Iam;

/// <summary>Every access key the fakes accept, shared by the STS and Roles Anywhere fakes.</summary>
public sealed class CredentialStore(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, StoredCredential> _byAccessKeyId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<StoredCredential> _issued = new();

    /// <summary>Temporary credentials handed out so far, in order.</summary>
    public IReadOnlyCollection<StoredCredential> Issued => _issued;

    public void Add(StoredCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (!_byAccessKeyId.TryAdd(credential.AccessKeyId, credential))
        {
            throw new InvalidOperationException($"Access key {credential.AccessKeyId} is already known.");
        }
    }

    /// <summary>Mints and remembers temporary credentials for a role session.</summary>
    public StoredCredential IssueTemporary(CallerPrincipal principal, TimeSpan lifetime, string issuedBy,
        IReadOnlyList<KeyValuePair<string, string>>? transitiveTags = null, string? sourceIdentity = null)
    {
        var expiration = clock.GetUtcNow().Add(lifetime);
        var credential = new StoredCredential(
            AwsIdentifiers.NewTemporaryAccessKeyId(), AwsIdentifiers.NewSecretAccessKey(), AwsIdentifiers.NewSessionToken(),
            new DateTimeOffset(expiration.Year, expiration.Month, expiration.Day, expiration.Hour, expiration.Minute, expiration.Second, TimeSpan.Zero),
            principal)
        {
            IssuedBy = issuedBy,
            TransitiveTags = transitiveTags ?? [],
            SourceIdentity = sourceIdentity,
        };
        Add(credential);
        _issued.Enqueue(credential);
        return credential;
    }

    public bool TryGet(string accessKeyId, out StoredCredential credential) =>
        _byAccessKeyId.TryGetValue(accessKeyId, out credential!);

    public bool IsExpired(StoredCredential credential) => credential.Expiration is { } expiry && expiry <= clock.GetUtcNow();

    /// <summary>Makes known credentials expire now (to test ExpiredToken).</summary>
    public void Expire(string accessKeyId)
    {
        if (_byAccessKeyId.TryGetValue(accessKeyId, out var credential))
        {
            _byAccessKeyId[accessKeyId] = credential with { Expiration = clock.GetUtcNow().AddSeconds(-1) };
        }
    }

    /// <summary>Forgets a key (a deleted or deactivated access key).</summary>
    public void Remove(string accessKeyId) => _byAccessKeyId.TryRemove(accessKeyId, out _);
}
