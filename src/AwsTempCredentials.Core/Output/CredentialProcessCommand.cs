namespace AwsTempCredentials.Output;

/// <summary>
/// The <c>credential_process</c> line of an AWS profile that runs this tool's CLI again for fresh credentials:
/// <c>'exe' --name 'value' … --output credential-process</c>. Values are POSIX single-quoted, which both botocore
/// (shlex) and the shells SDKs use accept. Secrets must be given as <c>file:</c>/<c>env:</c> references, never as values.
/// The line is one line of an INI file: a value with a line break would end it early (the rest becoming a broken
/// continuation the AWS CLI cannot parse), so callers give every value on one line and a line break here is a bug.
/// </summary>
public static class CredentialProcessCommand
{
    public static string Build(string executable, IEnumerable<KeyValuePair<string, string>> options) => Build(executable, [], options);

    /// <param name="arguments">Arguments before the options (a subcommand and its operands).</param>
    public static string Build(string executable, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>> options)
    {
        var parts = new List<string> { Quote("executable", executable) };
        parts.AddRange(arguments.Select(a => Quote("argument", a)));
        foreach (var (name, value) in options)
        {
            parts.Add("--" + name);
            parts.Add(Quote(name, value));
        }

        parts.Add("--output");
        parts.Add("credential-process");
        return string.Join(' ', parts);
    }

    private static string Quote(string name, string value) =>
        value.AsSpan().IndexOfAny('\r', '\n') < 0
            ? CredentialFormatter.ShellQuote(value)
            : throw new ArgumentException($"The credential_process value of {name} holds a line break; give it on one line.", nameof(name));
}
