using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AwsTempCredentials.Explain;

/// <summary>Writes trust policy documents as JSON with <see cref="Utf8JsonWriter"/>: always valid, values escaped.</summary>
public static class PolicyJson
{
    // Relaxed escaping keeps '+', '<' and non-ASCII readable; the output is never embedded in HTML.
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The policy document holding <paramref name="statement"/>.</summary>
    /// <param name="principalValue">Replaces the principal's value (a template reference), when given.</param>
    public static string Document(TrustStatement statement, string? principalValue = null)
    {
        ArgumentNullException.ThrowIfNull(statement);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            writer.WriteStartObject();
            writer.WriteString("Version", "2012-10-17");
            writer.WriteStartArray("Statement");
            WriteStatement(writer, statement, principalValue);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void WriteStatement(Utf8JsonWriter writer, TrustStatement statement, string? principalValue = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(statement);
        writer.WriteStartObject();
        writer.WriteString("Sid", statement.Sid);
        writer.WriteString("Effect", "Allow");
        writer.WriteStartObject("Principal");
        writer.WriteString(statement.PrincipalType, principalValue ?? statement.Principal);
        writer.WriteEndObject();
        if (statement.Actions.Count == 1)
        {
            writer.WriteString("Action", statement.Actions[0]);
        }
        else
        {
            writer.WriteStartArray("Action");
            foreach (var action in statement.Actions)
            {
                writer.WriteStringValue(action);
            }

            writer.WriteEndArray();
        }

        if (statement.Conditions.Count > 0)
        {
            writer.WriteStartObject("Condition");
            foreach (var group in statement.Conditions.GroupBy(c => c.Operator))
            {
                writer.WriteStartObject(group.Key);
                foreach (var condition in group)
                {
                    if (condition.Values.Count == 1)
                    {
                        writer.WriteString(condition.Key, condition.Values[0]);
                    }
                    else
                    {
                        writer.WriteStartArray(condition.Key);
                        foreach (var value in condition.Values)
                        {
                            writer.WriteStringValue(value);
                        }

                        writer.WriteEndArray();
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
