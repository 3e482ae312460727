namespace AwsTempCredentials.Output;

/// <summary>
/// The <c>credential_process</c> line of an AWS profile that runs this tool's CLI again for fresh credentials:
/// <c>'exe' --name 'value' … --output credential-process</c>. Values are POSIX single-quoted, which both botocore
/// (shlex) and the shells SDKs use accept. Secrets must be given as <c>file:</c>/<c>env:</c> references, never as values.
/// </summary>
public static class CredentialProcessCommand
{
    public static string Build(string executable, IEnumerable<KeyValuePair<string, string>> options) => Build(executable, [], options);

    /// <param name="arguments">Arguments before the options (a subcommand and its operands).</param>
    public static string Build(string executable, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>> options)
    {
        var parts = new List<string> { CredentialFormatter.ShellQuote(executable) };
        parts.AddRange(arguments.Select(CredentialFormatter.ShellQuote));
        foreach (var (name, value) in options)
        {
            parts.Add("--" + name);
            parts.Add(CredentialFormatter.ShellQuote(value));
        }

        parts.Add("--output");
        parts.Add("credential-process");
        return string.Join(' ', parts);
    }
}
