using System.Globalization;

namespace AwsTempCredentials.Options.Rules;

/// <summary>Reads options once each and collects errors.</summary>
internal sealed class OptionReader(IReadOnlyDictionary<string, string> options)
{
    private readonly HashSet<string> _known = new(OptionNames.All, StringComparer.Ordinal);

    public List<OptionError> Errors { get; } = [];

    public void Error(string option, string message) => Errors.Add(new OptionError(option, message));

    public IEnumerable<string> Unknown() => options.Keys.Where(k => !_known.Contains(k));

    public bool Has(string name) => Text(name) is not null;

    public string? Text(string name) =>
        options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Comma- or newline-separated values, trimmed, empties dropped.</summary>
    public List<string> List(string name) =>
        Text(name)?.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [];

    public bool? Boolean(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        var value = BooleanOption.TryParse(text);
        if (value is null)
        {
            Error(name, $"'{text}' is not a boolean; use true or false.");
        }

        return value;
    }

    public int? Integer(string name, int min, int max)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Error(name, $"'{text}' must be a whole number from {min} to {max}.");
            return null;
        }

        return value;
    }

    public delegate string? Validator(string value, out Arn? arn);

    public Arn? Parse(string name, Validator validate) => Text(name) is { } text ? Parse(name, text, validate) : null;

    public Arn? Parse(string name, string text, Validator validate)
    {
        var problem = validate(text, out var arn);
        if (problem is not null)
        {
            Error(name, problem);
        }

        return arn;
    }

    public void Require(string name, Arn? value, string why)
    {
        if (value is null && !Has(name))
        {
            Error(name, $"is required. {why}");
        }
    }
}
