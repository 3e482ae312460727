using System.Text;

namespace AwsTempCredentials.Explain;

/// <summary>
/// Renders a <see cref="TrustExplanation"/> as a CloudFormation template (YAML). Policy documents are written as JSON,
/// which YAML reads as a flow mapping, so they stay exactly what <see cref="PolicyJson"/> produced.
/// </summary>
public static class CloudFormationTemplate
{
    public static string Render(TrustExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var yaml = new StringBuilder();
        yaml.Append("AWSTemplateFormatVersion: \"2010-09-09\"\n");
        if (explanation.WebIdentity is { } oidc)
        {
            yaml.Append("Description: ").Append(TemplateText.Quote($"OIDC trust for {oidc.PlatformDescription}: {oidc.Subject}")).Append('\n');
            yaml.Append("# Leave out OidcProvider when the account already has a provider for this URL; use its ARN in the role instead.\n");
            yaml.Append("Resources:\n  OidcProvider:\n    Type: AWS::IAM::OIDCProvider\n    Properties:\n");
            yaml.Append("      Url: ").Append(TemplateText.Quote(oidc.IssuerUrl)).Append('\n');
            yaml.Append("      ClientIdList:\n        - ").Append(TemplateText.Quote(oidc.ClientId)).Append('\n');
            yaml.Append("      # ThumbprintList is optional: IAM obtains the thumbprint itself (see explain's text output).\n");
            var marker = TemplateText.NewMarker();
            var policy = PolicyJson.Document(oidc.Statement, marker).Replace($"\"{marker}\"", "{\"Ref\": \"OidcProvider\"}", StringComparison.Ordinal);
            Role(yaml, explanation, policy);
        }
        else if (explanation.RolesAnywhere is { } ra)
        {
            yaml.Append("Description: ").Append(TemplateText.Quote($"IAM Roles Anywhere trust for {ra.Certificate.Subject}")).Append('\n');
            yaml.Append("Resources:\n");
            var statement = ra.Statement;
            if (ra.TrustAnchorArn is null)
            {
                var marker = TemplateText.NewMarker();
                statement = TemplateText.WithSourceArn(statement, marker);
                yaml.Append("  TrustAnchor:\n    Type: AWS::RolesAnywhere::TrustAnchor\n    Properties:\n");
                yaml.Append("      Name: ").Append(TemplateText.Quote(explanation.RoleName + "-trust-anchor")).Append('\n');
                yaml.Append("      Enabled: true\n      Source:\n        SourceType: CERTIFICATE_BUNDLE\n        SourceData:\n          X509CertificateData: |\n");
                yaml.Append(TemplateText.Indent(CaPem(ra), 12)).Append('\n');
                var policy = PolicyJson.Document(statement).Replace($"\"{marker}\"", "{\"Fn::GetAtt\": [\"TrustAnchor\", \"TrustAnchorArn\"]}", StringComparison.Ordinal);
                Role(yaml, explanation, policy);
            }
            else
            {
                Role(yaml, explanation, PolicyJson.Document(statement));
            }

            if (ra.ProfileArn is null)
            {
                yaml.Append("  Profile:\n    Type: AWS::RolesAnywhere::Profile\n    Properties:\n");
                yaml.Append("      Name: ").Append(TemplateText.Quote(explanation.RoleName + "-profile")).Append('\n');
                yaml.Append("      Enabled: true\n      RoleArns:\n        - {\"Fn::GetAtt\": [\"Role\", \"Arn\"]}\n");
            }
            else
            {
                yaml.Append("# Profile ").Append(ra.ProfileArn).Append(" exists: add the role's ARN to its role ARNs.\n");
            }
        }

        yaml.Append("Outputs:\n  RoleArn:\n    Value: {\"Fn::GetAtt\": [\"Role\", \"Arn\"]}\n");
        return yaml.ToString();
    }

    /// <summary>The CA's PEM, or a line that fails loudly until the user pastes the CA the chain did not include.</summary>
    internal static string CaPem(RolesAnywhereTrustRequirements ra) =>
        ra.TrustAnchorCa?.Pem ?? $"PASTE THE PEM CERTIFICATE OF THE CA '{ra.MissingCa?.Subject}' (key id {ra.MissingCa?.SubjectKeyId ?? "unknown"}) HERE\n";

    private static void Role(StringBuilder yaml, TrustExplanation explanation, string policyJson)
    {
        yaml.Append("  Role:\n    Type: AWS::IAM::Role\n    Properties:\n");
        yaml.Append("      RoleName: ").Append(TemplateText.Quote(explanation.RoleName)).Append('\n');
        yaml.Append("      # Attach the permissions the job needs (ManagedPolicyArns or Policies); the trust below only says who may assume the role.\n");
        yaml.Append("      AssumeRolePolicyDocument:\n").Append(TemplateText.Indent(policyJson, 8)).Append('\n');
    }
}
