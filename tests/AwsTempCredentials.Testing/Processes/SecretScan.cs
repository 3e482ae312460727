namespace AwsTempCredentials.Testing.Processes;

/// <summary>
/// Checks that secrets appear only where they may: in the output the user asked for, and in the masking command
/// that registers them — which must come before any other line holding them.
/// </summary>
public static class SecretScan
{
    /// <summary>Throws when a secret appears in text where none may appear (stderr, logs, summaries).</summary>
    public static void AssertAbsent(string text, IEnumerable<string> secrets, string where)
    {
        foreach (var secret in secrets.Where(s => s.Length >= 4))
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                throw new SecretLeakException($"A secret ({Describe(secret)}) appears in {where}.");
            }
        }
    }

    /// <summary>
    /// For a log on stdout: each secret may appear only in lines <paramref name="isAllowed"/> accepts (e.g. the
    /// masking command, an output file), and the first line holding it must be its masking command.
    /// </summary>
    public static void AssertMaskedFirst(string log, IEnumerable<string> secrets, Func<string, string, bool> isMaskCommand, Func<string, bool>? isAllowed = null)
    {
        var lines = log.Split('\n');
        foreach (var secret in secrets.Where(s => s.Length >= 4))
        {
            var masked = false;
            foreach (var line in lines)
            {
                if (!line.Contains(secret, StringComparison.Ordinal))
                {
                    continue;
                }

                if (isMaskCommand(line, secret))
                {
                    masked = true;
                    continue;
                }

                if (!masked)
                {
                    throw new SecretLeakException($"A secret ({Describe(secret)}) appears before its masking command, in: {Redact(line, secret)}");
                }

                if (isAllowed is null || !isAllowed(line))
                {
                    throw new SecretLeakException($"A secret ({Describe(secret)}) appears in clear outside its masking command, in: {Redact(line, secret)}");
                }
            }
        }
    }

    private static string Describe(string secret) => $"{secret.Length} chars starting '{secret[..Math.Min(4, secret.Length)]}'";

    private static string Redact(string line, string secret) => line.Replace(secret, "<SECRET>", StringComparison.Ordinal);
}

public sealed class SecretLeakException(string message) : Exception(message);
