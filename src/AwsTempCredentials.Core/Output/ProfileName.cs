using System.Text.RegularExpressions;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Output;

/// <summary>
/// The one rule for a profile name, wherever one is taken (CLI <c>--write-profile</c>/<c>--aws-profile</c>, the GitHub
/// <c>aws-profile</c> input, the Azure DevOps profile): 1 to 64 letters, digits, '_', '.', '-'. A ']' or a line break
/// would forge a section in the files, and a space makes a profile the AWS CLI and SDK v3 cannot select.
/// </summary>
public static partial class ProfileName
{
    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>The problem with <paramref name="name"/> for <paramref name="option"/>, or null when it is usable.</summary>
    public static OptionError? Check(string option, string? name) =>
        IsValid(name) ? null : new OptionError(option, $"{Describe(name)} is not a usable profile name: use 1 to 64 letters, digits, '_', '.' or '-'.");

    /// <summary>Throws <see cref="InvalidOptionsException"/> unless <paramref name="name"/> is usable.</summary>
    public static string Ensure(string option, string? name) =>
        Check(option, name) is { } error ? throw new InvalidOptionsException([error]) : name!;

    // The name is not secret, but may hold line breaks that would forge log lines: show it escaped.
    private static string Describe(string? name) => name switch
    {
        null or "" => "an empty name",
        _ when name.Length > 80 => $"a name of {name.Length} characters",
        _ => "'" + string.Concat(name.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) + "'",
    };
}
