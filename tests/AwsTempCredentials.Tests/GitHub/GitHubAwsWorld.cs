using AwsTempCredentials.Testing;
using AwsTempCredentials.Testing.GitHub;
using AwsTempCredentials.Testing.Iam;
using AwsTempCredentials.Testing.Oidc;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;
using AwsTempCredentials.Testing.Sts;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>
/// One test's AWS and GitHub: an IAM directory with GitHub's OIDC provider, a deploy role trusting the repository's
/// main branch, a CI user, a role in a second account trusting the first; FakeSts and the ID-token endpoint on loopback.
/// </summary>
internal sealed class GitHubAwsWorld : IAsyncDisposable
{
    public const string Audience = "sts.amazonaws.com";
    public static readonly FakeAccount Account = new("111122223333");
    public static readonly FakeAccount Other = new("444455556666");

    private GitHubAwsWorld(IamDirectory iam, JwtIssuer jwt, FakeSts sts, GitHubIdTokenEndpoint github, IamUser user)
    {
        Iam = iam;
        Jwt = jwt;
        Sts = sts;
        GitHub = github;
        User = user;
    }

    public IamDirectory Iam { get; }

    public JwtIssuer Jwt { get; }

    public FakeSts Sts { get; }

    public GitHubIdTokenEndpoint GitHub { get; }

    public IamUser User { get; }

    public string DeployRole { get; } = Account.RoleArn("deploy");

    public string UserRole { get; } = Account.RoleArn("ci-user-role");

    public string OtherRole { get; } = Other.RoleArn("workload");

    /// <summary>The claims GitHub adds to the job's ID token besides iss, sub and aud (the ones the step summary names).</summary>
    public static readonly IReadOnlyDictionary<string, object?> TokenClaims = new Dictionary<string, object?>
    {
        ["repository"] = "octo-org/octo-repo",
        ["ref"] = "refs/heads/main",
        ["job_workflow_ref"] = "octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main",
    };

    public static async Task<GitHubAwsWorld> StartAsync(IamDirectory? iam = null)
    {
        iam ??= new IamDirectory(TimeProvider.System);
        var jwt = new JwtIssuer(GitHubIdTokenEndpoint.Issuer);
        iam.AddOidcProvider(jwt, [Audience, "custom-audience"]);
        var user = iam.AddUser(Account, "ci");
        iam.AddRole(new FakeRole(Account.RoleArn("deploy"))
        {
            WebIdentity = new WebIdentityTrust(jwt.Issuer, [Audience, "custom-audience"], "repo:octo-org/octo-repo:ref:refs/heads/main"),
            TrustedPrincipals = [Account.Id],
        });
        iam.AddRole(new FakeRole(Account.RoleArn("ci-user-role")) { TrustedPrincipals = [user.Arn] });
        iam.AddRole(new FakeRole(Other.RoleArn("workload")) { TrustedPrincipals = [Account.Id] });
        var sts = await FakeSts.StartAsync(iam);
        var github = new GitHubIdTokenEndpoint((subject, audience) => jwt.Mint(new JwtSpec(subject, audience) { ExtraClaims = TokenClaims }));
        return new GitHubAwsWorld(iam, jwt, sts, github, user);
    }

    /// <summary>A runner for a job with <c>id-token: write</c>, STS redirected to the fake.</summary>
    public RunnerEnvironment Runner(bool idToken = true)
    {
        var runner = new RunnerEnvironment().WithEnv("AWS_ENDPOINT_URL_STS", Sts.BaseAddress.ToString());
        return idToken ? runner.WithIdToken(GitHub.RequestUrl, GitHub.RequestToken) : runner;
    }

    /// <summary>
    /// A Roles Anywhere step against <paramref name="aws"/>: role ra-deploy in a profile, a trust anchor on the shared test
    /// root CA, and the leaf's certificate and key as inputs.
    /// </summary>
    public static RunnerEnvironment RolesAnywhereStep(FakeAws aws, TestCertificate leaf)
    {
        var role = aws.AddRole("ra-deploy");
        var anchor = aws.AddTrustAnchor(TestPki.Shared.Root);
        var profile = aws.AddProfile([role.Arn]);
        return new RunnerEnvironment()
            .WithEnv("AWS_ENDPOINT_URL_STS", aws.StsUrl.ToString())
            .WithEnv("AWS_ENDPOINT_URL_ROLESANYWHERE", aws.RolesAnywhereUrl.ToString())
            .With("trust-anchor-arn", anchor.Arn).With("profile-arn", profile.Arn).With("role-to-assume", role.Arn)
            .With("certificate", leaf.CertificatePem).With("private-key", leaf.PrivateKeyPkcs8Pem);
    }

    /// <summary>The usual step: OIDC for the deploy role in eu-west-1.</summary>
    public RunnerEnvironment DeployStep() => Runner().With("role-to-assume", DeployRole).With("aws-region", "eu-west-1");

    /// <summary>Every secret the world handed out or was given: issued credentials, OIDC tokens, the ID-token bearer, the user's key.</summary>
    public IEnumerable<string> Secrets() =>
        Iam.Credentials.Issued.SelectMany(c => new[] { c.AccessKeyId, c.SecretAccessKey, c.SessionToken ?? string.Empty })
            .Concat(GitHub.IssuedTokens).Append(GitHub.RequestToken).Append(User.SecretAccessKey).Append(User.AccessKeyId);

    /// <summary>Runs the AWS CLI with only the exported variables (+PATH, HOME) against the fake STS.</summary>
    public async Task<ProcessResult> AwsCliAsync(IReadOnlyDictionary<string, string> exported, string home, params string[] extra)
    {
        var environment = new Dictionary<string, string>(exported) { ["PATH"] = "/usr/bin:/bin", ["HOME"] = home };
        return await ProcessRunner.RunAsync(Requires.AwsCli(), ["sts", "get-caller-identity", "--endpoint-url", Sts.BaseAddress.ToString(), "--output", "json", .. extra], environment);
    }

    public async ValueTask DisposeAsync()
    {
        await GitHub.DisposeAsync();
        await Sts.DisposeAsync();
    }
}
