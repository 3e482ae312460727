namespace AwsTempCredentials.Testing.GitHub;

/// <summary>
/// The inputs declared in the repository's <c>action.yml</c> and their defaults: the runner passes a default as
/// <c>INPUT_&lt;NAME&gt;</c> whenever the step leaves the input out. A small reader for the file's plain layout
/// (two-space input names, four-space keys), not a general YAML parser.
/// </summary>
public sealed class ActionMetadata
{
    private ActionMetadata(IReadOnlyDictionary<string, string?> inputs) => Inputs = inputs;

    /// <summary>Input name → default (null when none).</summary>
    public IReadOnlyDictionary<string, string?> Inputs { get; }

    public static ActionMetadata Repository { get; } = Load(FindActionYml());

    public static ActionMetadata Load(string path)
    {
        var inputs = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? section = null;
        string? current = null;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]))
            {
                section = line.TrimEnd(':');
                current = null;
                continue;
            }

            if (section != "inputs")
            {
                continue;
            }

            if (line.StartsWith("  ", StringComparison.Ordinal) && !line.StartsWith("   ", StringComparison.Ordinal) && line.EndsWith(':'))
            {
                current = line.Trim().TrimEnd(':');
                inputs[current] = null;
            }
            else if (current is not null && line.StartsWith("    default:", StringComparison.Ordinal))
            {
                inputs[current] = Unquote(line["    default:".Length..].Trim());
            }
        }

        return new ActionMetadata(inputs);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '\'' || value[0] == '"') && value[^1] == value[0] ? value[1..^1] : value;

    public static string FindActionYml()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "action.yml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("action.yml not found above " + AppContext.BaseDirectory);
    }
}
