using System.Text.Json;
using AwsTempCredentials.Testing;
using AwsTempCredentials.Testing.Iam;
using AwsTempCredentials.Testing.Oidc;
using AwsTempCredentials.Testing.Pki;
using AwsTempCredentials.Testing.Processes;

namespace AwsTempCredentials.Tests.Cli;

/// <summary>
/// AWS as the CLI tests see it: a trust anchor for the test root CA, a profile listing the deploy role, an OIDC
/// provider, an IAM user, and roles in two more accounts to chain into. Runs the product binary against it.
/// </summary>
public sealed class CliWorld : IAsyncLifetime
{
    public const string Audience = "sts.amazonaws.com";
    public const string Subject = "project_path:group/app:ref_type:branch:ref:main";

    private readonly bool _https;
    private FakeAws? _aws;

    public CliWorld()
        : this(https: false)
    {
    }

    private CliWorld(bool https) => _https = https;

    public static CliWorld OverHttps() => new(https: true);

    public FakeAws Aws => _aws ?? throw new InvalidOperationException("Not started.");

    public static TestPki Pki => TestPki.Shared;

    public JwtIssuer Oidc { get; } = new("https://gitlab.example.com");

    public string TrustAnchorArn { get; private set; } = string.Empty;

    public string ProfileArn { get; private set; } = string.Empty;

    public string DeployRole => Aws.DefaultAccount.RoleArn("deploy");

    public string OidcRole => Aws.DefaultAccount.RoleArn("gitlab-deploy");

    public FakeAccount Hub { get; } = new("444455556666");

    public FakeAccount Workload { get; } = new("777788889999");

    public IamUser User { get; private set; } = null!;

    public string Home { get; } = Directory.CreateTempSubdirectory("awstc-cli-home-").FullName;

    public async ValueTask InitializeAsync()
    {
        _aws = await FakeAws.StartAsync(new FakeAwsOptions { Https = _https });
        TrustAnchorArn = Aws.AddTrustAnchor(Pki.Root).Arn;
        Aws.AddRole("deploy", trustedPrincipals: [Aws.DefaultAccount.Id], maxSessionDurationSeconds: 43200);
        ProfileArn = Aws.AddProfile([DeployRole], durationSeconds: 43200).Arn;
        Aws.AddOidcProvider(Oidc, Audience);
        Aws.AddRole("gitlab-deploy", webIdentity: new WebIdentityTrust(Oidc.Issuer, [Audience], "project_path:group/app:*"));
        User = Aws.AddIamUser("ci");
        Aws.AddRole("from-keys", trustedPrincipals: [User.Arn], requiredExternalId: "ext-123");
        Aws.AddRole("hub", Hub, trustedPrincipals: [Aws.DefaultAccount.Id]);
        Aws.AddRole("deploy", Workload, trustedPrincipals: [Hub.RoleArn("hub")]);
    }

    public async ValueTask DisposeAsync()
    {
        await Aws.DisposeAsync();
        Directory.Delete(Home, recursive: true);
    }

    /// <summary>The environment a CI job gives the binary: the basics, endpoints on the fakes, trust for TLS.</summary>
    public Dictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>(ProcessRunner.BaseEnvironment())
        {
            ["HOME"] = Home,
            ["AWS_ENDPOINT_URL_STS"] = Aws.StsUrl.ToString(),
            ["AWS_ENDPOINT_URL_ROLESANYWHERE"] = Aws.RolesAnywhereUrl.ToString(),
        };
        if (Aws.CaBundlePath is { } bundle)
        {
            environment["AWS_CA_BUNDLE"] = bundle;
        }

        return environment;
    }

    public string[] RolesAnywhereArguments() =>
        ["--trust-anchor-arn", TrustAnchorArn, "--profile-arn", ProfileArn, "--role-to-assume", DeployRole];

    public Task<ProcessResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? stdin = null) =>
        ProcessRunner.RunAsync(ProductBinary.Path, arguments, environment ?? Environment(), stdin);

    /// <summary>Every secret the fakes issued or hold: credentials, user keys, OIDC tokens are added by tests.</summary>
    public IEnumerable<string> IssuedSecrets() =>
        Aws.Credentials.Issued.SelectMany(c => new[] { c.SecretAccessKey, c.SessionToken ?? string.Empty })
            .Append(User.SecretAccessKey);

    /// <summary>The AWS CLI, with only the given environment (+PATH, HOME), calling GetCallerIdentity on the fake.</summary>
    public async Task<JsonElement> AwsCliCallerIdentityAsync(IReadOnlyDictionary<string, string> environment)
    {
        var variables = new Dictionary<string, string>(environment) { ["PATH"] = "/usr/bin:/bin", ["HOME"] = Home };
        if (Aws.CaBundlePath is { } bundle)
        {
            variables["AWS_CA_BUNDLE"] = bundle;
        }

        var result = await ProcessRunner.RunAsync(Requires.AwsCli(), ["sts", "get-caller-identity", "--endpoint-url", Aws.StsUrl.ToString(), "--output", "json"], variables);
        Assert.True(result.ExitCode == 0, $"aws sts get-caller-identity failed: {result}");
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.Clone();
    }
}

/// <summary>The same world over HTTPS, trusted through AWS_CA_BUNDLE.</summary>
public sealed class CliTlsWorld : IAsyncLifetime
{
    public CliWorld World { get; } = CliWorld.OverHttps();

    public ValueTask InitializeAsync() => World.InitializeAsync();

    public ValueTask DisposeAsync() => World.DisposeAsync();
}
