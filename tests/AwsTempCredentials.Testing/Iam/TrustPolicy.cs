using System.Text.Json;
using System.Text.RegularExpressions;

namespace AwsTempCredentials.Testing.Iam;

/// <summary>
/// A role trust policy document, evaluated as IAM does for the parts the fakes need: Allow/Deny statements, principals
/// (<c>Federated</c>, <c>Service</c>, <c>AWS</c>), actions (with <c>*</c>), and conditions with the operators
/// StringEquals, StringNotEquals, StringLike, StringNotLike, ArnEquals, ArnLike (and their <c>IfExists</c> forms).
/// Operators are ANDed, keys within an operator ANDed, values of a key ORed; a missing key fails a positive
/// operator. Condition keys are case-insensitive, values case-sensitive. A document IAM would refuse
/// (MalformedPolicyDocument) throws at <see cref="Parse"/>.
/// </summary>
public sealed class TrustPolicy
{
    private static readonly string[] Operators = ["StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "ArnEquals", "ArnLike"];

    private readonly List<Statement> _statements;

    private TrustPolicy(List<Statement> statements, string json)
    {
        _statements = statements;
        Json = json;
    }

    public string Json { get; }

    public static TrustPolicy Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("Statement", out var statements))
        {
            throw Malformed("a policy document is an object with a Statement");
        }

        if (!root.TryGetProperty("Version", out var version) || version.GetString() != "2012-10-17")
        {
            throw Malformed("Version must be 2012-10-17");
        }

        var list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().Select(ParseStatement).ToList() : [ParseStatement(statements)];
        return new TrustPolicy(list, json);
    }

    /// <summary>Whether every action in <paramref name="actions"/> is allowed for the principal in this request context.</summary>
    public bool Allows(string principalType, string principal, IReadOnlyCollection<string> actions, IReadOnlyDictionary<string, string> context)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var keys = new Dictionary<string, string>(context, StringComparer.OrdinalIgnoreCase);
        bool Applies(Statement s, string action) =>
            s.Principals.TryGetValue(principalType, out var values) && values.Any(v => v == "*" || string.Equals(v, principal, StringComparison.Ordinal))
            && s.Actions.Any(a => Wildcard(a, action, ignoreCase: true))
            && s.Conditions.All(c => c.Holds(keys));

        return actions.All(action =>
            !_statements.Any(s => !s.Allow && Applies(s, action)) && _statements.Any(s => s.Allow && Applies(s, action)));
    }

    private static Statement ParseStatement(JsonElement element)
    {
        var effect = element.TryGetProperty("Effect", out var e) ? e.GetString() : null;
        if (effect is not ("Allow" or "Deny"))
        {
            throw Malformed("Effect must be Allow or Deny");
        }

        if (!element.TryGetProperty("Principal", out var principal) || principal.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("a trust policy statement needs a Principal object");
        }

        var principals = principal.EnumerateObject().ToDictionary(p => p.Name, p => Strings(p.Value, "Principal"), StringComparer.Ordinal);
        if (principals.Keys.Any(k => k is not ("Federated" or "Service" or "AWS")))
        {
            throw Malformed("Principal types are Federated, Service and AWS");
        }

        var actions = element.TryGetProperty("Action", out var a) ? Strings(a, "Action") : throw Malformed("Action is required");
        var conditions = new List<Condition>();
        if (element.TryGetProperty("Condition", out var condition))
        {
            foreach (var op in condition.EnumerateObject())
            {
                var name = op.Name.EndsWith("IfExists", StringComparison.Ordinal) ? op.Name[..^"IfExists".Length] : op.Name;
                if (!Operators.Contains(name))
                {
                    throw new NotSupportedException($"The fake does not evaluate condition operator {op.Name}.");
                }

                foreach (var key in op.Value.EnumerateObject())
                {
                    conditions.Add(new Condition(name, op.Name.EndsWith("IfExists", StringComparison.Ordinal), key.Name, Strings(key.Value, key.Name)));
                }
            }
        }

        return new Statement(effect == "Allow", principals, actions, conditions);
    }

    private static List<string> Strings(JsonElement element, string what) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array when element.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) => [.. element.EnumerateArray().Select(v => v.GetString()!)],
        _ => throw Malformed($"{what} must be a string or an array of strings"),
    };

    private static bool Wildcard(string pattern, string value, bool ignoreCase) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None), TimeSpan.FromSeconds(1));

    private static ArgumentException Malformed(string why) => new($"MalformedPolicyDocument: {why}.");

    private sealed record Statement(bool Allow, Dictionary<string, List<string>> Principals, List<string> Actions, List<Condition> Conditions);

    private sealed record Condition(string Operator, bool IfExists, string Key, List<string> Values)
    {
        public bool Holds(Dictionary<string, string> context)
        {
            if (!context.TryGetValue(Key, out var actual))
            {
                return IfExists || Operator.StartsWith("StringNot", StringComparison.Ordinal);
            }

            return Operator switch
            {
                "StringEquals" or "ArnEquals" => Values.Contains(actual, StringComparer.Ordinal),
                "StringNotEquals" => !Values.Contains(actual, StringComparer.Ordinal),
                "StringLike" or "ArnLike" => Values.Any(v => Wildcard(v, actual, ignoreCase: false)),
                "StringNotLike" => !Values.Any(v => Wildcard(v, actual, ignoreCase: false)),
                _ => false,
            };
        }
    }
}
