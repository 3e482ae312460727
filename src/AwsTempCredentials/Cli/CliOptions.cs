using System.CommandLine;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Cli;

/// <summary>The command line: every canonical option as <c>--name</c>, plus how to output.</summary>
internal sealed class CliOptions
{
    public const string EnvironmentPrefix = "env:NAME, file:PATH or - (stdin)";

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        [OptionNames.AuthMethod] = "roles-anywhere | web-identity | access-keys | ambient. Inferred from the other options when left out.",
        [OptionNames.AwsRegion] = "Region for STS and for the exported AWS_REGION (default: the trust anchor's region, else us-east-1).",
        [OptionNames.RoleToAssume] = "ARN of the role to assume.",
        [OptionNames.RoleSessionName] = "Session name, 2-64 characters of [\\w+=,.@-] (default aws-temp-credentials).",
        [OptionNames.RoleDurationSeconds] = "Session duration, 900-43200 seconds (default 3600; chained roles at most 3600).",
        [OptionNames.RoleExternalId] = "External id the role's trust policy requires (AssumeRole).",
        [OptionNames.RoleChaining] = "true: assume role-to-assume with the credentials already in the environment; or role ARNs (comma or newline separated) to assume in order after the first role.",
        [OptionNames.RoleSkipSessionTagging] = "true to send no session tags.",
        [OptionNames.TransitiveTagKeys] = "Session tag keys that pass on to chained roles (comma separated).",
        [OptionNames.SourceIdentity] = "Source identity to set on the session (AssumeRole).",
        [OptionNames.InlineSessionPolicy] = "JSON session policy that narrows the role's permissions.",
        [OptionNames.ManagedSessionPolicies] = "Managed policy ARNs that narrow the role's permissions (comma separated, at most 10).",
        [OptionNames.Audience] = "Audience to request an OIDC token for, where the host fetches one (default sts.amazonaws.com).",
        [OptionNames.WebIdentityTokenFile] = "File holding an OIDC token (JWT) to exchange with AssumeRoleWithWebIdentity.",
        [OptionNames.AwsAccessKeyId] = "Access key id (or env:NAME) to assume the role with, or to use as they are.",
        [OptionNames.AwsSecretAccessKey] = $"Secret access key: {EnvironmentPrefix}.",
        [OptionNames.AwsSessionToken] = $"Session token for the access key: {EnvironmentPrefix}.",
        [OptionNames.TrustAnchorArn] = "Roles Anywhere trust anchor ARN.",
        [OptionNames.ProfileArn] = "Roles Anywhere profile ARN.",
        [OptionNames.Certificate] = "X.509 certificate: a file path, env:NAME or - (PEM, DER, or PKCS#12 holding the key too).",
        [OptionNames.PrivateKey] = "Private key: a file path, env:NAME or - (PKCS#8, PKCS#1, SEC1 or encrypted PKCS#8; PEM or DER). Read into memory only.",
        [OptionNames.CertificateChain] = "Intermediate CA certificates (PEM bundle): a file path, env:NAME or -.",
        [OptionNames.PrivateKeyPassphrase] = $"Passphrase of an encrypted key or PKCS#12: {EnvironmentPrefix}.",
        [OptionNames.CertStore] = @"OS certificate store holding the certificate and its key: CurrentUser\My (default; on macOS the login keychain) or LocalMachine\My (Windows, macOS). The key never leaves the store.",
        [OptionNames.CertSelector] = "Which store certificate, as the Roles Anywhere credential helper's --cert-selector: 'Key=x509Subject,Value=CN=agent Key=x509Issuer,Value=CN=CA', keys x509Subject, x509Issuer, x509Serial, thumbprint; or file://PATH of its JSON form; or a thumbprint.",
        [OptionNames.Pkcs11Uri] = "PKCS#11 URI (RFC 7512) of the key in a token (HSM, smart card, TPM), e.g. pkcs11:token=ci;object=build-agent. The certificate is read from the token unless --certificate is given.",
        [OptionNames.Pkcs11Module] = "PKCS#11 module (.so/.dylib/.dll) of the token (default: the URI's module-path or module-name, else p11-kit's proxy).",
        [OptionNames.Pkcs11Pin] = $"User PIN of the token: {EnvironmentPrefix}. Tried once only.",
        [OptionNames.AllowedAccountIds] = "Fail unless the credentials belong to one of these accounts (comma separated).",
        [OptionNames.MaskAwsAccountId] = "true to keep the account id out of logs.",
        [OptionNames.RetryMaxAttempts] = "Attempts per call for network faults, timeouts and 5xx answers, first included (default 3).",
        [OptionNames.ThrottlingBudgetSeconds] = "Seconds to wait out throttling (429, STS Throttling) in all (default 300; 0 fails at once).",
        [OptionNames.ActionTimeoutSeconds] = "Overall deadline in seconds.",
        [OptionNames.AwsProfile] = "Write the credentials as this AWS profile, as in the GitHub action and the Azure DevOps task (the same as --write-profile).",
    };

    public CliOptions()
    {
        foreach (var name in OptionNames.All)
        {
            Canonical[name] = new Option<string>("--" + name) { Description = Descriptions[name], HelpName = HelpName(name) };
        }
    }

    public Dictionary<string, Option<string>> Canonical { get; } = new(StringComparer.Ordinal);

    public Option<string> Output { get; } = new("--output", "-o")
    {
        Description = "What to print on stdout: env (export lines), dotenv, json, credential-process, or none. Default env.",
        HelpName = "format",
    };

    public Option<string> WriteProfile { get; } = new("--write-profile")
    {
        Description = "Also write the credentials as this profile into the AWS shared credentials and config files (mode 0600, other profiles kept).",
        HelpName = "profile",
    };

    public Option<string> CredentialsFile { get; } = new("--credentials-file")
    {
        Description = "Credentials file for --write-profile (default $AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials).",
        HelpName = "path",
    };

    public Option<string> ConfigFile { get; } = new("--config-file")
    {
        Description = "Config file for --write-profile (default $AWS_CONFIG_FILE or ~/.aws/config).",
        HelpName = "path",
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Log progress to stderr." };

    public void AddTo(Command command)
    {
        foreach (var option in Canonical.Values)
        {
            command.Add(option);
        }

        command.Add(Output);
        command.Add(WriteProfile);
        command.Add(CredentialsFile);
        command.Add(ConfigFile);
        command.Add(Verbose);
    }

    private static string HelpName(string name) => name switch
    {
        OptionNames.AwsSecretAccessKey or OptionNames.AwsSessionToken or OptionNames.PrivateKeyPassphrase or OptionNames.Pkcs11Pin => "ref",
        OptionNames.Pkcs11Uri => "uri",
        OptionNames.Pkcs11Module => "path",
        OptionNames.Certificate or OptionNames.PrivateKey or OptionNames.CertificateChain or OptionNames.WebIdentityTokenFile => "file",
        OptionNames.CertStore => "store",
        OptionNames.CertSelector => "selector",
        _ when name.EndsWith("-arn", StringComparison.Ordinal) || name == OptionNames.RoleToAssume => "arn",
        _ => "value",
    };
}
