using System.Text;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Handoff;

namespace AwsTempCredentials.GitHub;

/// <summary>
/// A runner file command (<c>GITHUB_ENV</c>, <c>GITHUB_OUTPUT</c>): values are appended as
/// <c>NAME&lt;&lt;ghadelimiter_&lt;guid&gt;</c>, the value, the delimiter — the form the runner reads for any value,
/// newlines included. All of a step's values go in one append, staged with the step's other targets, so a failure leaves the file as it was.
/// </summary>
internal sealed class FileCommandFile(string variable, string path)
{
    public string Variable { get; } = variable;

    public string Path { get; } = path;

    /// <summary>The file named by a runner variable; an error when the runner did not set it.</summary>
    public static FileCommandFile FromEnvironment(string variable, Func<string, string?> environment) =>
        environment(variable) is { Length: > 0 } path
            ? new FileCommandFile(variable, path)
            : throw new PlatformException(
                $"{variable} is not set, so this step cannot pass anything on to later steps.",
                "Run this action as a step of a GitHub Actions job (uses: …); the runner sets GITHUB_ENV and GITHUB_OUTPUT for every step.");

    /// <summary>The text to append for these values.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string>> values)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in values)
        {
            var delimiter = $"ghadelimiter_{Guid.NewGuid()}";
            if (name.Contains(delimiter, StringComparison.Ordinal) || value.Contains(delimiter, StringComparison.Ordinal))
            {
                throw new PlatformException($"The value of {name} contains its own heredoc delimiter; refusing to write it.");
            }

            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains("<<", StringComparison.Ordinal) || name.Contains('\n', StringComparison.Ordinal))
            {
                throw new PlatformException($"'{name}' cannot be a file-command name.");
            }

            text.Append(name).Append("<<").Append(delimiter).Append('\n')
                .Append(value).Append('\n')
                .Append(delimiter).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Already formatted text to append as part of a hand-off (opened when staged, truncated back on rollback).</summary>
    public IHandoffTarget Stage(string text) => new AppendedFile(Variable, Path, text, Hint);

    /// <summary>Appends already formatted text in one write, on its own.</summary>
    public void Append(string text)
    {
        using var handoff = new CredentialHandoff().Add(Stage(text));
        handoff.Commit();
    }

    private const string Hint = "The runner's file_commands directory must be writable by the step (container actions run as root), and the file must be the runner's, not a directory or a device.";
}
