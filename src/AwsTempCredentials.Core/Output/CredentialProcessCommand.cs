using AwsTempCredentials.Errors;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Output;

/// <summary>How a <c>credential_process</c> line is split into the program and its arguments.</summary>
public enum CommandLineStyle
{
    /// <summary>POSIX single quotes: botocore's shlex split and the shells other SDKs run the line with.</summary>
    Posix,

    /// <summary>
    /// Windows: botocore splits the line with the C runtime's rules (double quotes; backslashes literal except before
    /// a quote), other SDKs hand it to <c>cmd.exe /c</c>. A value is left bare where it has nothing either would read
    /// otherwise (ARNs, regions, paths without spaces), else double-quoted; <c>"</c> and <c>%</c> cannot be carried.
    /// </summary>
    Windows,
}

/// <summary>
/// The <c>credential_process</c> line of an AWS profile that runs this tool's CLI again for fresh credentials:
/// <c>'exe' --name 'value' … --output credential-process</c>, quoted for the OS the profile is used on
/// (<see cref="CommandLineStyle"/>). Secrets must be given as <c>file:</c>/<c>env:</c> references, never as values.
/// The line is one line of an INI file: a value with a line break would end it early (the rest becoming a broken
/// continuation the AWS CLI cannot parse), so callers give every value on one line and a line break here is a bug.
/// </summary>
public static class CredentialProcessCommand
{
    private static readonly System.Buffers.SearchValues<char> NeedsWindowsQuotes = System.Buffers.SearchValues.Create(" \t&|<>^(),;=");

    public static string Build(string executable, IEnumerable<KeyValuePair<string, string>> options, CommandLineStyle? style = null) =>
        Build(executable, [], options, style);

    /// <param name="arguments">Arguments before the options (a subcommand and its operands).</param>
    /// <param name="style">Default: this machine's, where the profile's consumers run.</param>
    public static string Build(string executable, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>> options, CommandLineStyle? style = null)
    {
        var quoting = style ?? (OperatingSystem.IsWindows() ? CommandLineStyle.Windows : CommandLineStyle.Posix);
        var parts = new List<string> { Quote("executable", executable, quoting) };
        parts.AddRange(arguments.Select(a => Quote("argument", a, quoting)));
        foreach (var (name, value) in options)
        {
            parts.Add("--" + name);
            parts.Add(Quote(name, value, quoting));
        }

        parts.Add("--output");
        parts.Add("credential-process");
        return string.Join(' ', parts);
    }

    private static string Quote(string name, string value, CommandLineStyle style)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"The credential_process value of {name} holds a line break; give it on one line.", nameof(name));
        }

        return style == CommandLineStyle.Windows ? WindowsQuote(name, value) : CredentialFormatter.ShellQuote(value);
    }

    private static string WindowsQuote(string name, string value)
    {
        if (value.AsSpan().IndexOfAny('"', '%') >= 0)
        {
            throw new InvalidOptionsException([new OptionError(name,
                "holds \" or %, which the refreshing profile's credential_process line cannot carry on Windows (cmd.exe, which some AWS SDKs run it with, " +
                "would end the value or expand it). Leave refresh off on Windows for this step, or give the value without them.")]);
        }

        if (value.Length > 0 && value.AsSpan().IndexOfAny(NeedsWindowsQuotes) < 0)
        {
            return value;
        }

        // Inside double quotes a run of backslashes is literal unless a quote follows: double the trailing run.
        var trailing = value.Length - value.TrimEnd('\\').Length;
        return "\"" + value + new string('\\', trailing) + "\"";
    }
}
