namespace AwsTempCredentials.AzureDevOps.LoggingCommands;

/// <summary>
/// Escaping of logging command values as the agent unescapes them: <c>%</c> first (as <c>%AZP25</c>), then line
/// breaks; property values also escape <c>;</c> and <c>]</c>, which would end the property or the command.
/// </summary>
internal static class LoggingCommandEscaping
{
    public static string EscapeData(string value) => value
        .Replace("%", "%AZP25", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string value) => EscapeData(value)
        .Replace("]", "%5D", StringComparison.Ordinal)
        .Replace(";", "%3B", StringComparison.Ordinal);

    /// <summary>
    /// A plain log line must not be read as a command: the agent finds <c>##vso[</c> anywhere in a line and
    /// <c>##[</c> at its start. Text from services (error messages, token claims) passes through here.
    /// </summary>
    public static string Neutralize(string line) => line
        .Replace("##vso[", "##vso [", StringComparison.OrdinalIgnoreCase)
        .Replace("##[", "## [", StringComparison.Ordinal);
}
