using AwsTempCredentials.Testing.Iam;
using AwsTempCredentials.Testing.Oidc;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.RolesAnywhere;
using AwsTempCredentials.Testing.Sts;

namespace AwsTempCredentials.Testing;

/// <summary>
/// Both AWS fakes on loopback, sharing one IAM directory and credential store: what Roles Anywhere issues works
/// against STS. Register accounts, users, roles, OIDC providers, trust anchors and profiles; point the product at
/// <see cref="StsUrl"/> and <see cref="RolesAnywhereUrl"/>; assert on the recorded requests.
/// </summary>
public sealed class FakeAws : IAsyncDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<FakeAccount> _accounts = new();

    private FakeAws(FakeAwsOptions options, IamDirectory iam, FakeSts sts, FakeRolesAnywhere rolesAnywhere, string? caBundlePath)
    {
        Options = options;
        Iam = iam;
        Sts = sts;
        RolesAnywhere = rolesAnywhere;
        CaBundlePath = caBundlePath;
        DefaultAccount = AddAccount("111122223333");
    }

    public FakeAwsOptions Options { get; }

    public IamDirectory Iam { get; }

    public FakeSts Sts { get; }

    public FakeRolesAnywhere RolesAnywhere { get; }

    /// <summary>The STS base URL (ServiceURL, --endpoint-url, AWS_ENDPOINT_URL_STS).</summary>
    public Uri StsUrl => Sts.BaseAddress;

    /// <summary>The Roles Anywhere base URL; CreateSession is POST {RolesAnywhereUrl}sessions.</summary>
    public Uri RolesAnywhereUrl => RolesAnywhere.BaseAddress;

    /// <summary>PEM file of the CA behind the HTTPS certificate (AWS_CA_BUNDLE / SSL_CERT_FILE); null over HTTP.</summary>
    public string? CaBundlePath { get; }

    /// <summary>Account 111122223333 in partition aws, always there.</summary>
    public FakeAccount DefaultAccount { get; }

    /// <summary>Accounts made with <see cref="AddAccount"/>.</summary>
    public IReadOnlyCollection<FakeAccount> Accounts => _accounts;

    public CredentialStore Credentials => Iam.Credentials;

    public IReadOnlyCollection<AssumeRoleRecord> AssumeRoleRequests => Sts.AssumeRoleRequests;

    public IReadOnlyCollection<CreateSessionRecord> CreateSessionRequests => RolesAnywhere.Sessions;

    public static async Task<FakeAws> StartAsync(FakeAwsOptions? options = null)
    {
        options ??= new FakeAwsOptions();
        var pki = options.Pki ?? TestPki.Shared;
        var tls = options.Https ? pki.TlsServerCertificate : null;
        var iam = new IamDirectory(options.Clock);
        var sts = await FakeSts.StartAsync(iam, tls, options.StsSigningRegions);
        try
        {
            var rolesAnywhere = await FakeRolesAnywhere.StartAsync(iam, options.RolesAnywhereRegion, tls);
            return new FakeAws(options, iam, sts, rolesAnywhere, options.Https ? pki.TlsCaPemPath : null);
        }
        catch
        {
            await sts.DisposeAsync();
            throw;
        }
    }

    /// <summary>An account (12 digits; random when null) in a partition (aws, aws-cn, aws-us-gov).</summary>
    public FakeAccount AddAccount(string? accountId = null, string partition = "aws")
    {
        if (!AwsIdentifiers.IsPartition(partition))
        {
            throw new ArgumentException($"Unknown partition {partition}.", nameof(partition));
        }

        accountId ??= AwsIdentifiers.NewAccountId();
        if (accountId.Length != 12 || !accountId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("An account id is 12 digits.", nameof(accountId));
        }

        var account = new FakeAccount(accountId, partition);
        _accounts.Enqueue(account);
        return account;
    }

    /// <summary>An IAM user with one access key (AKIA…), in <see cref="DefaultAccount"/> unless given.</summary>
    public IamUser AddIamUser(string name = "ci-user", FakeAccount? account = null) => Iam.AddUser(account ?? DefaultAccount, name);

    /// <summary>Registers a role (see <see cref="FakeRole"/> for trust, max duration, web identity, external id).</summary>
    public FakeRole AddRole(FakeRole role) => Iam.AddRole(role);

    /// <summary>A role named <paramref name="name"/> in <paramref name="account"/> trusting the given principals.</summary>
    public FakeRole AddRole(string name, FakeAccount? account = null, IReadOnlyList<string>? trustedPrincipals = null, int maxSessionDurationSeconds = 3600,
        WebIdentityTrust? webIdentity = null, string? requiredExternalId = null) =>
        Iam.AddRole(new FakeRole((account ?? DefaultAccount).RoleArn(name))
        {
            TrustedPrincipals = trustedPrincipals ?? [],
            MaxSessionDurationSeconds = maxSessionDurationSeconds,
            WebIdentity = webIdentity,
            RequiredExternalId = requiredExternalId,
        });

    /// <summary>Makes STS trust tokens from <paramref name="issuer"/> for the given client ids (default sts.amazonaws.com).</summary>
    public void AddOidcProvider(JwtIssuer issuer, params string[] clientIds) =>
        Iam.AddOidcProvider(issuer, clientIds.Length == 0 ? ["sts.amazonaws.com"] : clientIds);

    /// <summary>A trust anchor for a CA, in the Roles Anywhere region and <see cref="DefaultAccount"/> unless given.</summary>
    public TrustAnchor AddTrustAnchor(TestCertificateAuthority ca, FakeAccount? account = null, string? region = null) =>
        RolesAnywhere.Registry.AddTrustAnchor(account ?? DefaultAccount, region ?? RolesAnywhere.Region, (ca ?? throw new ArgumentNullException(nameof(ca))).Certificate);

    /// <summary>A profile listing <paramref name="roleArns"/>, capping sessions at <paramref name="durationSeconds"/>.</summary>
    public RolesAnywhereProfile AddProfile(IReadOnlyList<string> roleArns, int durationSeconds = 3600, bool acceptRoleSessionName = false,
        FakeAccount? account = null, string? region = null) =>
        RolesAnywhere.Registry.AddProfile(account ?? DefaultAccount, region ?? RolesAnywhere.Region, roleArns, durationSeconds, acceptRoleSessionName);

    public async ValueTask DisposeAsync()
    {
        await Sts.DisposeAsync();
        await RolesAnywhere.DisposeAsync();
    }
}
