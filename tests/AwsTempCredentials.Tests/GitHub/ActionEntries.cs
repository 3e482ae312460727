using AwsTempCredentials.Testing.GitHub;

namespace AwsTempCredentials.Tests.GitHub;

/// <summary>
/// The end-to-end cases every GitHub action variant must pass run once per entry, from one table:
/// <c>[MemberData(nameof(ActionEntries.All), MemberType = typeof(ActionEntries))]</c>, or <see cref="Cross{T}"/> for
/// cases with their own data. The Windows rows run the win-x64 build under wine, and report skipped, with the reason,
/// where wine or that build is missing — except on CI (CI=true), where they run and fail on what is missing.
/// </summary>
public static class ActionEntries
{
    public static readonly ActionEntry[] Every = [ActionEntry.Entrypoint, ActionEntry.NodeLauncher, ActionEntry.WindowsNodeLauncher];

    public static IEnumerable<TheoryDataRow<ActionEntry>> All() => Every.Select(entry => Row(new TheoryDataRow<ActionEntry>(entry), entry));

    /// <summary>Each case of <paramref name="cases"/> through each entry of <paramref name="entries"/> (default: every one).</summary>
    public static IEnumerable<TheoryDataRow<T, ActionEntry>> Cross<T>(IEnumerable<T> cases, params ActionEntry[] entries) =>
        from entry in entries.Length > 0 ? entries : Every
        from item in cases
        select Row(new TheoryDataRow<T, ActionEntry>(item, entry), entry);

    /// <summary>The row, skipped with the reason where <paramref name="entry"/> cannot run here (never on CI).</summary>
    public static TRow Row<TRow>(TRow row, ActionEntry entry)
        where TRow : TheoryDataRowBase
    {
        if (entry == ActionEntry.WindowsNodeLauncher && !Requires.OnCi && WindowsRunnerUnderWine.Unavailable() is { } missing)
        {
            row.Skip = $"{missing}: tests/run.sh installs wine and builds win-x64 on CI.";
        }

        return row;
    }
}
