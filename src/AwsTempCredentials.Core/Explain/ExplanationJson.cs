using System.Text.Json;
using System.Text.Json.Serialization;

namespace AwsTempCredentials.Explain;

/// <summary>Renders a <see cref="TrustExplanation"/> as JSON (source-generated: AOT- and trim-safe).</summary>
public static class ExplanationJson
{
    public static string Render(TrustExplanation explanation) =>
        JsonSerializer.Serialize(explanation, ExplainJsonContext.Default.TrustExplanation) + "\n";
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TrustExplanation))]
internal sealed partial class ExplainJsonContext : JsonSerializerContext;
