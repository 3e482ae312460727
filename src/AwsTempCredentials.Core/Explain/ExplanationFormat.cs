using AwsTempCredentials.Errors;
using AwsTempCredentials.Options;

namespace AwsTempCredentials.Explain;

/// <summary>How <c>explain</c> prints: readable text, JSON, a CloudFormation template or Terraform resources.</summary>
public enum ExplanationFormat
{
    Text,
    Json,
    CloudFormation,
    Terraform,
}

public static class ExplanationFormats
{
    /// <summary>Parses the output option; <paramref name="option"/> names it in the error.</summary>
    public static ExplanationFormat Parse(string? text, string option) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "text" => ExplanationFormat.Text,
        "json" => ExplanationFormat.Json,
        "cloudformation" or "cfn" => ExplanationFormat.CloudFormation,
        "terraform" or "tf" => ExplanationFormat.Terraform,
        _ => throw new InvalidOptionsException([new OptionError(option, $"'{text}' is not one of text, json, cloudformation, terraform.")]),
    };

    public static string Render(TrustExplanation explanation, ExplanationFormat format) => format switch
    {
        ExplanationFormat.Json => ExplanationJson.Render(explanation),
        ExplanationFormat.CloudFormation => CloudFormationTemplate.Render(explanation),
        ExplanationFormat.Terraform => TerraformConfiguration.Render(explanation),
        _ => ExplanationText.Render(explanation),
    };
}
