using System.Text;

namespace AwsTempCredentials.Explain;

/// <summary>Renders a <see cref="TrustExplanation"/> as readable text: what AWS must hold, then the trust policy to paste.</summary>
public static class ExplanationText
{
    public static string Render(TrustExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var text = new StringBuilder();
        if (explanation.WebIdentity is { } oidc)
        {
            RenderOidc(text, explanation, oidc);
        }
        else if (explanation.RolesAnywhere is { } ra)
        {
            RenderRolesAnywhere(text, explanation, ra);
        }

        return text.ToString();
    }

    private static void RenderOidc(StringBuilder text, TrustExplanation explanation, OidcTrustRequirements oidc)
    {
        var claims = oidc.Claims;
        text.Append("What AWS must trust for this OIDC token — ").Append(oidc.PlatformDescription).Append("\n\n");
        text.Append("Token claims (the token itself is never printed):\n");
        Line(text, "iss", claims.Issuer);
        Line(text, "aud", string.Join(", ", claims.Audiences));
        Line(text, "sub", claims.Subject);
        foreach (var (name, value) in claims.Extra)
        {
            Line(text, name, value);
        }

        if (claims.ExpiresAt is { } exp)
        {
            Line(text, "exp", exp.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        }

        text.Append("\n1. IAM OIDC identity provider (one per issuer per account)\n");
        Line(text, "Provider URL", oidc.IssuerUrl);
        Line(text, "Audience", oidc.ClientId + "   (the provider's client id)");
        Line(text, "Provider ARN", oidc.ProviderArn);
        Line(text, "Thumbprint", oidc.ThumbprintNote);
        text.Append("\n2. Role ").Append(explanation.RoleArn ?? explanation.RoleName).Append(": trust policy (least privilege)\n");
        text.Append(PolicyJson.Document(oidc.Statement)).Append('\n');
        Notes(text, oidc.Notes);
        text.Append("\nCreate it with: aws iam create-open-id-connect-provider --url ").Append(oidc.IssuerUrl).Append(" --client-id-list ").Append(oidc.ClientId)
            .Append("\nReady-to-paste templates: explain --output cloudformation | terraform\n");
    }

    private static void RenderRolesAnywhere(StringBuilder text, TrustExplanation explanation, RolesAnywhereTrustRequirements ra)
    {
        text.Append("What AWS must trust for this certificate (IAM Roles Anywhere)\n\nCertificate (the private key is never read):\n");
        if (ra.Store is { } store)
        {
            Line(text, "Store", store.Store);
            Line(text, "Selected by", store.Selector);
            Line(text, "Thumbprint", store.Thumbprint);
        }

        Certificate(text, ra.Certificate);
        foreach (var ca in ra.Chain)
        {
            text.Append("\nChain certificate:\n");
            Certificate(text, ca);
        }

        text.Append("\n1. Trust anchor (source: certificate bundle) must hold this CA\n");
        if (ra.TrustAnchorCa is { } anchor)
        {
            Line(text, "Subject", anchor.Subject);
            Line(text, "Subject key id", anchor.SubjectKeyId ?? "(none)");
            Line(text, "SHA-256", anchor.Sha256Fingerprint);
            Line(text, "Valid until", Time(anchor.NotAfter));
        }
        else if (ra.MissingCa is { } missing)
        {
            Line(text, "Subject", missing.Subject);
            Line(text, "Subject key id", missing.SubjectKeyId ?? "(unknown)");
            Line(text, "SHA-256", "(not in the given chain)");
        }

        if (ra.TrustAnchorArn is { } arn)
        {
            Line(text, "Trust anchor", arn);
        }

        text.Append("\n2. Profile\n");
        Line(text, "Profile", ra.ProfileArn ?? "(not given)");
        Line(text, "Role ARNs", explanation.RoleArn ?? $"arn:{explanation.Partition}:iam::{explanation.AccountOrPlaceholder}:role/{explanation.RoleName}");
        text.Append("\n3. Role ").Append(explanation.RoleArn ?? explanation.RoleName).Append(": trust policy (least privilege)\n");
        text.Append(PolicyJson.Document(ra.Statement)).Append('\n');
        Notes(text, ra.Notes);
        text.Append("\nReady-to-paste templates: explain --output cloudformation | terraform\n");
    }

    private static void Certificate(StringBuilder text, CertificateFacts c)
    {
        Line(text, "Subject", c.Subject);
        Line(text, "Issuer", c.Issuer);
        Line(text, "Serial", $"{c.SerialNumberHex} (decimal {c.SerialNumberDecimal})");
        Line(text, "Validity", $"{Time(c.NotBefore)} to {Time(c.NotAfter)}");
        Line(text, "Key", c.KeyAlgorithm);
        Line(text, "Subject key id", c.SubjectKeyId ?? "(none)");
        Line(text, "SHA-256", c.Sha256Fingerprint);
    }

    private static void Notes(StringBuilder text, IReadOnlyList<string> notes)
    {
        if (notes.Count == 0)
        {
            return;
        }

        text.Append("\nNotes:\n");
        foreach (var note in notes)
        {
            text.Append("  - ").Append(note).Append('\n');
        }
    }

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string name, string? value) =>
        text.Append("  ").Append((name + ":").PadRight(18)).Append(' ').Append(value ?? "(none)").Append('\n');
}
