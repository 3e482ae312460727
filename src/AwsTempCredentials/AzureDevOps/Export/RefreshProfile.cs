using System.Text;
using System.Text.Json;
using AwsTempCredentials.AzureDevOps.Inputs;
using AwsTempCredentials.AzureDevOps.Refresh;
using AwsTempCredentials.Handoff;
using AwsTempCredentials.Options;
using AwsTempCredentials.Output;
using AwsTempCredentials.Reporting;

namespace AwsTempCredentials.AzureDevOps.Export;

/// <summary>
/// <c>refresh: true</c>: the profile runs the bundled executable as <c>credential_process</c> with the CLI's own
/// options, secrets referenced by <c>file:</c> paths of 0600 files (for OIDC the job's access token, so each refresh
/// requests a fresh OIDC token; the secret access key; with
/// <c>allowPrivateKeyOnDisk</c>, the Roles Anywhere key material), staged in the task's hand-off. Returns the command
/// line, one line whatever the inputs' line breaks.
/// </summary>
internal static class RefreshProfile
{
    public static string Prepare(
        string executable, string profile, TaskOptions task, CredentialRequest request, Func<string, string?> environment, TaskFiles files, CredentialHandoff handoff, IReporter reporter)
    {
        var options = new Dictionary<string, string>(task.Options, StringComparer.Ordinal);
        if (request.Method != AuthMethod.RolesAnywhere || request.RoleSessionNameIsExplicit)
        {
            // The pipeline's default name, fixed now; Roles Anywhere takes only a name the user gave.
            options[OptionNames.RoleSessionName] = request.RoleSessionName;
        }

        options.Remove(OptionNames.AwsProfile);
        if (request.Region is { } region)
        {
            options[OptionNames.AwsRegion] = region;
        }

        string Secret(string suffix, string content) => files.Stage(handoff, $"{profile}.{suffix}", content);
        string[] arguments = [];

        switch (request.Method)
        {
            case AuthMethod.WebIdentity:
                var connection = task.Connection ?? throw new InvalidOperationException("OIDC without a service connection.");
                options[OptionNames.AuthMethod] = "web-identity";
                arguments = ["azure-devops", "credential-process", Secret("refresh-state", RefreshState.Serialize(environment, connection.Id))];
                reporter.Info("refresh: the job's access token is kept in a file readable only by the agent's user until the job ends, so the profile can request a fresh OIDC token and fresh AWS credentials whenever they expire.");
                break;
            case AuthMethod.AccessKeys:
                options[OptionNames.AwsSecretAccessKey] = "file:" + Secret("secret-access-key", request.SecretAccessKey!);
                if (request.SessionToken is { } token)
                {
                    options[OptionNames.AwsSessionToken] = "file:" + Secret("session-token", token);
                }

                break;
            case AuthMethod.RolesAnywhere:
                var keys = request.KeyMaterial;
                reporter.Warning("refresh with allowPrivateKeyOnDisk: the Roles Anywhere private key is written to the agent's temp directory (mode 0600) for the rest of the job and removed by the post-job step.");
                options[OptionNames.Certificate] = Secret("certificate", FileText(keys.Certificate!));
                if (keys.PrivateKey is { } key)
                {
                    options[OptionNames.PrivateKey] = Secret("private-key", FileText(key));
                }

                if (keys.CertificateChain is { } chain)
                {
                    options[OptionNames.CertificateChain] = Secret("certificate-chain", FileText(chain));
                }

                if (keys.Passphrase is { } passphrase)
                {
                    options[OptionNames.PrivateKeyPassphrase] = "file:" + Secret("private-key-passphrase", passphrase);
                }

                break;
        }

        return CredentialProcessCommand.Build(executable, arguments, options.Select(o => new KeyValuePair<string, string>(o.Key, OneLine(o.Key, o.Value))));
    }

    /// <summary>
    /// credential_process is one line of an INI file: a list given one item per line (the YAML <c>roleChaining: |</c>
    /// style) is joined with commas, which the CLI reads as the same list, and a JSON policy is written compact.
    /// </summary>
    private static string OneLine(string name, string value)
    {
        if (value.IndexOfAny(['\r', '\n']) < 0)
        {
            return value;
        }

        return name switch
        {
            OptionNames.InlineSessionPolicy => CompactJson(value),
            OptionNames.RoleChaining or OptionNames.ManagedSessionPolicies or OptionNames.TransitiveTagKeys =>
                string.Join(',', value.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            _ => throw new Errors.InvalidOptionsException([new OptionError(name, "holds a line break, which the refreshing profile's credential_process line cannot carry; give it on one line.")]),
        };
    }

    private static string CompactJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>PEM stays text; binary (DER, PKCS#12) is stored as base64, which the key loader reads back.</summary>
    private static string FileText(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        return text.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal) ? text : Convert.ToBase64String(bytes);
    }
}
