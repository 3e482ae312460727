using AwsTempCredentials.Options;

namespace AwsTempCredentials.Hosting;

/// <summary>
/// A step's inputs as CI runners hand them to a process: env <c>INPUT_&lt;NAME&gt;</c>, the input name upper-cased with
/// spaces as <c>_</c> (hyphens kept). The Azure Pipelines agent and the GitHub Actions runner agree on this. Values are
/// read trimmed; blank means absent.
/// </summary>
public sealed class InputVariables(Func<string, string?> environment)
{
    public static string VariableName(string input) => "INPUT_" + input.Replace(' ', '_').ToUpperInvariant();

    /// <summary>The trimmed value; null when the input is absent or blank.</summary>
    public string? Get(string input) =>
        environment(VariableName(input)) is { } value && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    /// <summary>A boolean as the toolkits read it; anything but true/True/TRUE/false/False/FALSE is an error naming the input.</summary>
    public bool GetBoolean(string input, bool defaultValue, ICollection<OptionError> errors)
    {
        if (Get(input) is not { } text)
        {
            return defaultValue;
        }

        if (BooleanOption.TryParse(text) is { } value)
        {
            return value;
        }

        errors.Add(new OptionError(input, $"'{text}' is not a boolean; use true or false (true, True, TRUE, false, False, FALSE)."));
        return defaultValue;
    }
}
