namespace AwsTempCredentials.Testing.GitHub;

/// <summary>One workflow command from a step's stdout, unescaped as the runner unescapes it.</summary>
public sealed record WorkflowCommand(string Name, IReadOnlyDictionary<string, string> Properties, string Data, string Line);
