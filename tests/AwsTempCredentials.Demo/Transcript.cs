namespace AwsTempCredentials.Demo;

/// <summary>The readable account of what the demonstration did, on stdout. Secrets never reach it.</summary>
internal static class Transcript
{
    public static void Title(string text) => Console.WriteLine($"\n== {text}");

    public static void Step(string text) => Console.WriteLine($"-> {text}");

    public static void Detail(string text) => Console.WriteLine($"   {text}");

    public static void Command(string program, IEnumerable<string> arguments) =>
        Console.WriteLine($"   $ {program} {string.Join(' ', arguments.Select(Quote))}");

    /// <summary>An access key id shows its first 8 characters; secrets show only their length.</summary>
    public static string Redact(string name, string value) => name switch
    {
        "AWS_ACCESS_KEY_ID" => value.Length > 8 ? value[..8] + "…" : value,
        "AWS_SECRET_ACCESS_KEY" or "AWS_SESSION_TOKEN" => $"<{value.Length} characters, not shown>",
        _ => value,
    };

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@".Contains(c, StringComparison.Ordinal))
            ? argument
            : $"'{argument}'";
}
