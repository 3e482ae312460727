using System.Text;

namespace AwsTempCredentials.Explain;

/// <summary>Renders a <see cref="TrustExplanation"/> as Terraform (AWS provider) resources; policies as JSON heredocs.</summary>
public static class TerraformConfiguration
{
    public static string Render(TrustExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var hcl = new StringBuilder();
        var marker = TemplateText.NewMarker();
        string policy;
        if (explanation.WebIdentity is { } oidc)
        {
            hcl.Append("# Leave out this provider when the account already has one for this URL (use a data source instead).\n");
            hcl.Append("resource \"aws_iam_openid_connect_provider\" \"ci\" {\n");
            hcl.Append("  url            = ").Append(Quote(oidc.IssuerUrl)).Append('\n');
            hcl.Append("  client_id_list = [").Append(Quote(oidc.ClientId)).Append("]\n");
            hcl.Append("  # thumbprint_list is optional: IAM obtains the thumbprint itself (see explain's text output).\n}\n\n");
            policy = Heredoc(PolicyJson.Document(oidc.Statement, marker), marker, "aws_iam_openid_connect_provider.ci.arn");
        }
        else if (explanation.RolesAnywhere is { } ra)
        {
            var statement = ra.Statement;
            if (ra.TrustAnchorArn is null)
            {
                statement = TemplateText.WithSourceArn(statement, marker);
                hcl.Append("resource \"aws_rolesanywhere_trust_anchor\" \"ci\" {\n");
                hcl.Append("  name    = ").Append(Quote(explanation.RoleName + "-trust-anchor")).Append('\n');
                hcl.Append("  enabled = true\n  source {\n    source_type = \"CERTIFICATE_BUNDLE\"\n    source_data {\n      x509_certificate_data = <<-EOT\n");
                hcl.Append(TemplateText.Indent(TemplateText.EscapeHclTemplates(CloudFormationTemplate.CaPem(ra)), 8)).Append("\n      EOT\n    }\n  }\n}\n\n");
            }

            policy = Heredoc(PolicyJson.Document(statement), marker, "aws_rolesanywhere_trust_anchor.ci.arn");
        }
        else
        {
            return string.Empty;
        }

        hcl.Append("resource \"aws_iam_role\" \"ci\" {\n");
        hcl.Append("  name               = ").Append(Quote(explanation.RoleName)).Append('\n');
        hcl.Append("  # Attach the permissions the job needs; the trust below only says who may assume the role.\n");
        hcl.Append("  assume_role_policy = <<-EOT\n").Append(TemplateText.Indent(policy, 4)).Append("\n  EOT\n}\n");
        if (explanation.RolesAnywhere is { ProfileArn: null })
        {
            hcl.Append("\nresource \"aws_rolesanywhere_profile\" \"ci\" {\n");
            hcl.Append("  name      = ").Append(Quote(explanation.RoleName + "-profile")).Append('\n');
            hcl.Append("  enabled   = true\n  role_arns = [aws_iam_role.ci.arn]\n}\n");
        }
        else if (explanation.RolesAnywhere is { ProfileArn: { } profile })
        {
            hcl.Append("\n# Profile ").Append(profile).Append(" exists: add aws_iam_role.ci.arn to its role_arns.\n");
        }

        return hcl.ToString();
    }

    private static string Quote(string value) => TemplateText.EscapeHclTemplates(TemplateText.Quote(value));

    private static string Heredoc(string json, string marker, string reference) =>
        TemplateText.EscapeHclTemplates(json).Replace(marker, "${" + reference + "}", StringComparison.Ordinal);
}
