using AwsTempCredentials.Testing.GitHub;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>The end-to-end cases both GitHub actions must pass run once per entry: <c>[MemberData(nameof(ActionEntries.Both), MemberType = typeof(ActionEntries))]</c>.</summary>
public static class ActionEntries
{
    public static TheoryData<ActionEntry> Both() => [ActionEntry.Entrypoint, ActionEntry.NodeLauncher];
}
