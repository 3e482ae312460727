using System.Globalization;
using System.Text;
using System.Text.Json;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.GitHub;

/// <summary>
/// The session tags configure-aws-credentials sends with AssumeRole from access keys or existing credentials:
/// <c>GitHub=Actions</c> and Repository, Workflow, Action, Actor, Commit, Branch from the job's <c>GITHUB_*</c>
/// variables (left out when unset), values sanitised to the characters STS allows and cut to 256; then
/// <c>custom-tags</c> (a JSON object), checked as they check it.
/// </summary>
internal static class GitHubSessionTags
{
    private const int MaxKeyLength = 128;
    private const int MaxValueLength = 256;
    private const int MaxTags = 50;

    private static readonly (string Key, string Variable)[] Sources =
    [
        ("Repository", "GITHUB_REPOSITORY"),
        ("Workflow", "GITHUB_WORKFLOW"),
        ("Action", "GITHUB_ACTION"),
        ("Actor", "GITHUB_ACTOR"),
        ("Commit", "GITHUB_SHA"),
        ("Branch", "GITHUB_REF"),
    ];

    public static IReadOnlyList<SessionTag> Build(Func<string, string?> environment, string? customTags)
    {
        var tags = new List<SessionTag> { new("GitHub", "Actions") };
        foreach (var (key, variable) in Sources)
        {
            if (environment(variable) is { Length: > 0 } value)
            {
                tags.Add(new SessionTag(key, Sanitize(value)));
            }
        }

        if (customTags is not null)
        {
            tags.AddRange(ParseCustom(customTags, tags));
        }

        return tags;
    }

    /// <summary>Replaces every character outside <c>[\p{L}\p{Z}\p{N}_.:/=+\-@]</c> with <c>_</c>, then keeps 256 UTF-16 units.</summary>
    public static string Sanitize(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            if (IsAllowed(rune))
            {
                builder.Append(rune.ToString());
            }
            else
            {
                builder.Append('_');
            }
        }

        return builder.Length > MaxValueLength ? builder.ToString(0, MaxValueLength) : builder.ToString();
    }

    private static bool IsAllowed(Rune rune)
    {
        if (rune.IsAscii && "_.:/=+-@".Contains((char)rune.Value, StringComparison.Ordinal))
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => true,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            _ => false,
        };
    }

    private static bool AllAllowed(string text) => text.EnumerateRunes().All(IsAllowed);

    private static List<SessionTag> ParseCustom(string json, List<SessionTag> existing)
    {
        var errors = new List<OptionError>();
        var tags = new List<SessionTag>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw Invalid("is not valid JSON; give a JSON object such as {\"Environment\": \"Production\"}.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("must be a JSON object (not an array or a single value).");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                var key = property.Name;
                string? value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => null,
                };
                if (value is null)
                {
                    errors.Add(new OptionError(CompatibilityInputNames.CustomTags, $"the value of '{key}' must be a string, number or boolean."));
                }
                else if (key.Length is 0 or > MaxKeyLength || !AllAllowed(key))
                {
                    errors.Add(new OptionError(CompatibilityInputNames.CustomTags, $"key '{key}' must be 1 to {MaxKeyLength} characters of letters, digits, spaces and _.:/=+-@ ."));
                }
                else if (value.Length > MaxValueLength || !AllAllowed(value))
                {
                    errors.Add(new OptionError(CompatibilityInputNames.CustomTags, $"the value of '{key}' must be at most {MaxValueLength} characters of letters, digits, spaces and _.:/=+-@ ."));
                }
                else if (existing.Exists(t => t.Key == key) || Array.Exists(Sources, s => s.Key == key))
                {
                    errors.Add(new OptionError(CompatibilityInputNames.CustomTags, $"key '{key}' is a session tag this action sets itself and cannot be overridden."));
                }
                else
                {
                    tags.Add(new SessionTag(key, value));
                }
            }
        }

        if (existing.Count + tags.Count > MaxTags)
        {
            errors.Add(new OptionError(CompatibilityInputNames.CustomTags, $"makes {existing.Count + tags.Count} session tags in all; STS accepts at most {MaxTags}."));
        }

        return errors.Count > 0 ? throw new InvalidOptionsException(errors) : tags;
    }

    private static InvalidOptionsException Invalid(string message) => new([new OptionError(CompatibilityInputNames.CustomTags, message)]);
}
