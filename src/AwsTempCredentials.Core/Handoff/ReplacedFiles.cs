using AwsTempCredentials.IO;

namespace AwsTempCredentials.Handoff;

/// <summary>
/// Files an editor rewrites in place (an AWS profile in the shared credentials and config files): their content is
/// kept when staged, and restored — or the files removed when they did not exist — on rollback.
/// </summary>
public sealed class ReplacedFiles(string description, IReadOnlyList<string> paths, Action write, string hint) : IHandoffTarget
{
    private readonly Dictionary<string, string?> _before = new(StringComparer.Ordinal);
    private string? _failedPath;

    public string Description { get; } = $"{description} ({string.Join(", ", paths)})";

    public string? Path => _failedPath ?? paths.FirstOrDefault(p => Directory.Exists(p) || FileProblems.BlockingFile(p) is not null) ?? paths[0];

    public string Hint { get; } = hint;

    public void Stage()
    {
        foreach (var path in paths)
        {
            _failedPath = path;
            if (Directory.Exists(path))
            {
                throw new IOException($"{path} is a directory.");
            }

            _before[path] = File.Exists(path) ? File.ReadAllText(path) : null;
        }

        _failedPath = null;
    }

    public void Publish() => write();

    public string? Rollback()
    {
        var failures = new List<string>();
        foreach (var (path, content) in _before)
        {
            try
            {
                if (content is null)
                {
                    if (File.Exists(path))
                    {
                        File.Delete(path);
                    }
                }
                else if (!File.Exists(path) || File.ReadAllText(path) != content)
                {
                    ReplaceAtomically(path, content);
                }
            }
            catch (Exception e) when (FileProblems.IsFileSystemFailure(e))
            {
                failures.Add($"{path}: {FileProblems.Describe(e, path)}");
            }
        }

        return failures.Count == 0 ? null : "could not restore " + string.Join("; ", failures);
    }

    public void Dispose()
    {
    }

    private static void ReplaceAtomically(string path, string content)
    {
        using var staged = new NewFile("the restored file", path, content, string.Empty);
        staged.Stage();
        staged.Publish();
    }
}
