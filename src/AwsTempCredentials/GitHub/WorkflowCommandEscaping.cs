namespace AwsTempCredentials.GitHub;

/// <summary>
/// Escaping of workflow commands as the runner unescapes them (actions/runner <c>ActionCommand</c>): data escapes
/// <c>%</c>, CR and LF; property values also <c>:</c> and <c>,</c>. <c>%</c> goes first so nothing is escaped twice.
/// </summary>
internal static class WorkflowCommandEscaping
{
    public static string Data(string value) => value
        .Replace("%", "%25", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal);

    public static string Property(string value) => Data(value)
        .Replace(":", "%3A", StringComparison.Ordinal)
        .Replace(",", "%2C", StringComparison.Ordinal);
}
