using System.Text.Json;

namespace AwsTempCredentials.Testing.AzureDevOps;

/// <summary>tasks/AwsTempCredentialsV1 of this repository: its folder and task.json's input defaults.</summary>
public static class TaskDefinition
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tasks", "AwsTempCredentialsV1");
            if (File.Exists(Path.Combine(candidate, "task.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tasks/AwsTempCredentialsV1/task.json not found above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<IReadOnlyDictionary<string, string>> InputDefaults = new(() =>
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder.Value, "task.json")));
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in document.RootElement.GetProperty("inputs").EnumerateArray())
        {
            var value = input.TryGetProperty("defaultValue", out var d) ? d.ToString() : string.Empty;
            defaults[input.GetProperty("name").GetString()!] = value;
        }

        return defaults;
    });

    public static string Directory => Folder.Value;

    /// <summary>Every input of task.json with its default value ("" when it has none), as the agent passes them.</summary>
    public static IReadOnlyDictionary<string, string> Inputs => InputDefaults.Value;
}
