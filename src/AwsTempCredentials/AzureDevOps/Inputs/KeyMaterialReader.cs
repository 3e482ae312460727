using System.Text;
using AwsTempCredentials.AzureDevOps.Clients;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Hosting;
using AwsTempCredentials.KeyMaterial;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.AzureDevOps.Inputs;

/// <summary>
/// Roles Anywhere key material: each of certificate, private key and chain from a secure file (downloaded into
/// memory) or from a PEM text input (usually a secret variable). The caller registers the secrets (InputSecrets).
/// </summary>
internal sealed class KeyMaterialReader(InputVariables inputs, Func<string, string?> environment, Func<SecureFileClient> secureFiles)
{
    private static readonly (string Canonical, string SecureFileInput)[] Parts =
    [
        (OptionNames.Certificate, TaskInputNames.CertificateSecureFile),
        (OptionNames.PrivateKey, TaskInputNames.PrivateKeySecureFile),
        (OptionNames.CertificateChain, TaskInputNames.CertificateChainSecureFile),
    ];

    public async Task<KeyMaterialInput> ReadAsync(CancellationToken cancellationToken)
    {
        var passphrase = inputs.Get(OptionNames.ToCamelCase(OptionNames.PrivateKeyPassphrase));

        var errors = new List<OptionError>();
        var pending = new List<(string Canonical, string Id, string Name, string Ticket)>();
        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (canonical, secureFileInput) in Parts)
        {
            var textInput = OptionNames.ToCamelCase(canonical);
            var text = inputs.Get(textInput);
            var id = inputs.Get(secureFileInput);
            if (text is not null && id is not null)
            {
                errors.Add(new OptionError(secureFileInput, $"and {textInput} are both set; give the {canonical.Replace('-', ' ')} one way only."));
                continue;
            }

            if (text is not null)
            {
                values[canonical] = Encoding.UTF8.GetBytes(text);
            }
            else if (id is not null)
            {
                var ticket = environment($"SECUREFILE_TICKET_{id}");
                var name = environment($"SECUREFILE_NAME_{id}") is { Length: > 0 } n ? n : id;
                if (string.IsNullOrEmpty(ticket))
                {
                    errors.Add(new OptionError(secureFileInput, $"secure file '{id}' is not available to this job (the agent passed no download ticket for it). " +
                        "Check the secure file's name, that it exists in Pipelines → Library → Secure files, and that this pipeline is authorized to use it."));
                    continue;
                }

                pending.Add((canonical, id, name, ticket));
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOptionsException(errors);
        }

        if (pending.Count > 0)
        {
            var client = secureFiles();
            foreach (var (canonical, id, name, ticket) in pending)
            {
                values[canonical] = await client.DownloadAsync(id, name, ticket, cancellationToken);
            }
        }

        return new KeyMaterialInput(
            values.GetValueOrDefault(OptionNames.Certificate),
            values.GetValueOrDefault(OptionNames.PrivateKey),
            values.GetValueOrDefault(OptionNames.CertificateChain),
            passphrase);
    }
}
