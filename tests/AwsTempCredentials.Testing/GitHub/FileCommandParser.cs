namespace AwsTempCredentials.Testing.GitHub;

/// <summary>
/// Reads GITHUB_ENV / GITHUB_OUTPUT exactly as the runner does (actions/runner <c>EnvFileKeyValuePairs</c>):
/// <c>NAME=value</c> lines and <c>NAME&lt;&lt;DELIMITER</c> heredocs; a later value for a name wins. Malformed content
/// throws, as it fails the step on a real runner. <c>windowsRunner</c> reads as the runner's Windows build does, where
/// a line may also end with CRLF (what @actions/core writes there: os.EOL).
/// </summary>
public static class FileCommandParser
{
    public static IReadOnlyDictionary<string, string> ParseFile(string path, bool windowsRunner = false) =>
        Parse(File.Exists(path) ? File.ReadAllText(path) : string.Empty, windowsRunner);

    public static IReadOnlyDictionary<string, string> Parse(string text, bool windowsRunner = false)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Pairs(text, windowsRunner))
        {
            result[key] = value;
        }

        return result;
    }

    public static IEnumerable<KeyValuePair<string, string>> Pairs(string text, bool windowsRunner = false)
    {
        var index = 0;
        var line = ReadLine(text, ref index, out _, windowsRunner);
        while (line is not null)
        {
            if (line.Length > 0)
            {
                var equalsIndex = line.IndexOf('=', StringComparison.Ordinal);
                var heredocIndex = line.IndexOf("<<", StringComparison.Ordinal);
                if (equalsIndex >= 0 && (heredocIndex < 0 || equalsIndex < heredocIndex))
                {
                    var split = line.Split('=', 2);
                    yield return new(split[0], split[1]);
                }
                else if (heredocIndex >= 0 && (equalsIndex < 0 || heredocIndex < equalsIndex))
                {
                    var split = line.Split("<<", 2);
                    if (split[0].Length == 0 || split[1].Length == 0)
                    {
                        throw new FormatException($"Invalid format '{line}'. Name must not be empty and delimiter must not be empty");
                    }

                    var delimiter = split[1];
                    var start = index;
                    var end = index;
                    var temp = ReadLine(text, ref index, out var newline, windowsRunner);
                    while (!string.Equals(temp, delimiter, StringComparison.Ordinal))
                    {
                        if (temp is null)
                        {
                            throw new FormatException($"Invalid value. Matching delimiter not found '{delimiter}'");
                        }

                        if (newline is null)
                        {
                            throw new FormatException("Invalid value. EOF marker missing new line.");
                        }

                        end = index - newline.Length;
                        temp = ReadLine(text, ref index, out newline, windowsRunner);
                    }

                    yield return new(split[0], end > start ? text[start..end] : string.Empty);
                }
                else
                {
                    throw new FormatException($"Invalid format '{line}'");
                }
            }

            line = ReadLine(text, ref index, out _, windowsRunner);
        }
    }

    private static string? ReadLine(string text, ref int index, out string? newline, bool windowsRunner)
    {
        if (index >= text.Length)
        {
            newline = null;
            return null;
        }

        var start = index;
        var lf = text.IndexOf('\n', index);
        if (lf < 0)
        {
            index = text.Length;
            newline = null;
            return text[start..];
        }

        var crlf = windowsRunner ? text.IndexOf("\r\n", index, StringComparison.Ordinal) : -1;
        if (crlf >= 0 && crlf < lf)
        {
            index = crlf + 2;
            newline = "\r\n";
            return text[start..crlf];
        }

        index = lf + 1;
        newline = "\n";
        return text[start..lf];
    }
}
