namespace AwsTempCredentials.Testing.AzureDevOps;

/// <summary>One <c>##vso[area.action properties]data</c> command, unescaped as the agent unescapes it.</summary>
public sealed record LoggingCommand(string Name, IReadOnlyDictionary<string, string> Properties, string Data, string RawLine)
{
    public string? Property(string name) => Properties.TryGetValue(name, out var value) ? value : null;

    public bool Flag(string name) => string.Equals(Property(name), "true", StringComparison.OrdinalIgnoreCase);
}
