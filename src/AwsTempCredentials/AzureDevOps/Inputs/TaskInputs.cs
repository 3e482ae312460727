using AwsTempCredentials.Options;

namespace AwsTempCredentials.AzureDevOps.Inputs;

/// <summary>
/// The task's inputs as the agent passes them to a Node handler: env <c>INPUT_&lt;NAME&gt;</c>, the task.json input
/// name upper-cased (spaces as <c>_</c>). Values are read trimmed; blank means absent.
/// </summary>
internal sealed class TaskInputs(Func<string, string?> environment)
{
    public static string VariableName(string input) => "INPUT_" + input.Replace(' ', '_').ToUpperInvariant();

    public string? Get(string input) =>
        environment(VariableName(input)) is { } value && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    /// <summary>A boolean input; anything but true/false (any case the agent writes) is an error naming the input.</summary>
    public bool GetBoolean(string input, ICollection<OptionError> errors)
    {
        if (Get(input) is not { } text)
        {
            return false;
        }

        if (BooleanOption.TryParse(text) is { } value)
        {
            return value;
        }

        errors.Add(new OptionError(input, $"'{text}' is not a boolean; use true or false."));
        return false;
    }
}
