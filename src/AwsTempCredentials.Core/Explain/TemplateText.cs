using System.Text.Encodings.Web;
using System.Text.Json;

namespace AwsTempCredentials.Explain;

/// <summary>Quoting shared by the template renderers: JSON string escaping, which YAML double quotes and HCL strings both accept.</summary>
internal static class TemplateText
{
    /// <summary>A double-quoted string with JSON escapes (valid YAML and, after <see cref="EscapeHclTemplates"/>, valid HCL).</summary>
    public static string Quote(string value) => "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    /// <summary>HCL reads <c>${</c> and <c>%{</c> as template sequences even in strings and heredocs: escape them.</summary>
    public static string EscapeHclTemplates(string text) =>
        text.Replace("${", "$${", StringComparison.Ordinal).Replace("%{", "%%{", StringComparison.Ordinal);

    public static string Indent(string text, int spaces)
    {
        var prefix = new string(' ', spaces);
        return string.Join('\n', text.TrimEnd('\n').Split('\n').Select(line => line.Length == 0 ? line : prefix + line));
    }

    /// <summary>A marker no input can hold (fresh per render), replaced by a template reference after the JSON is written.</summary>
    public static string NewMarker() => "__AWSTC_REF_" + Guid.NewGuid().ToString("N") + "__";

    /// <summary>The statement with an <c>aws:SourceArn</c> condition on <paramref name="marker"/> when it has none.</summary>
    public static TrustStatement WithSourceArn(TrustStatement statement, string marker) =>
        statement.Conditions.Any(c => c.Key == "aws:SourceArn")
            ? statement
            : statement with { Conditions = [.. statement.Conditions, new PolicyCondition("ArnEquals", "aws:SourceArn", [marker])] };
}
