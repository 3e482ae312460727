using System.Text;
using System.Text.RegularExpressions;

namespace AwsTempCredentials.Options;

/// <summary>STS role session names: 2..64 characters of <c>[\w+=,.@-]</c>.</summary>
public static partial class SessionName
{
    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string name) => Pattern().IsMatch(name) && name.All(char.IsAscii);

    /// <summary>Makes a valid session name out of any text (for defaults built from pipeline names).</summary>
    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var allowed = char.IsAsciiLetterOrDigit(c) || "_+=,.@-".Contains(c, StringComparison.Ordinal);
            if (allowed)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var name = builder.ToString().Trim('-');
        if (name.Length > 64)
        {
            name = name[..64].TrimEnd('-');
        }

        return name.Length >= 2 ? name : "aws-temp-credentials";
    }
}
