namespace AwsTempCredentials.Explain;

/// <summary>Computes the IAM OIDC provider and the least-privilege role trust for a token's claims.</summary>
public static class OidcTrust
{
    public const string Action = "sts:AssumeRoleWithWebIdentity";

    public static OidcTrustRequirements Build(OidcTokenClaims claims, string expectedAudience, string partition, string? account, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var issuer = claims.Issuer ?? throw new ArgumentException("The token has no iss claim.", nameof(claims));
        var subject = claims.Subject ?? throw new ArgumentException("The token has no sub claim.", nameof(claims));
        var facts = OidcTokenFacts.From(claims, expectedAudience)!;
        var audience = facts.Audience ?? throw new ArgumentException("The token has no aud claim.", nameof(claims));
        var platform = facts.Platform;
        var path = facts.ProviderPath;
        var providerArn = facts.ProviderArn(partition, account);
        var statement = new TrustStatement("Federated", providerArn, [Action],
        [
            new PolicyCondition("StringEquals", $"{path}:aud", [audience]),
            new PolicyCondition("StringEquals", $"{path}:sub", [subject]),
        ]);

        var notes = new List<string>();
        notes.AddRange(platform switch
        {
            OidcPlatform.GitHubActions => GitHubNotes(claims, subject),
            OidcPlatform.AzureDevOps or OidcPlatform.AzureDevOpsEntra => AzureDevOpsNotes(facts, subject),
            _ => [$"The sub condition pins this exact subject; use StringLike with * only where the issuer's subjects leave no room for other workloads."],
        });
        if (claims.Audiences.Count > 1)
        {
            notes.Add($"The token carries several audiences ({string.Join(", ", claims.Audiences)}); the provider must list {audience} as a client id.");
        }

        if (claims.ExpiresAt is { } expires && expires < now)
        {
            notes.Add($"This token expired at {expires:yyyy-MM-dd'T'HH:mm:ss'Z'}: it was read for its claims only; a run needs a fresh one.");
        }

        if (account is null)
        {
            notes.Add($"No role-to-assume was given: replace {TrustExplanation.AccountPlaceholder} with your account id, or give role-to-assume.");
        }

        return new OidcTrustRequirements
        {
            Platform = platform,
            PlatformDescription = facts.PlatformDescription,
            IssuerUrl = issuer,
            ProviderPath = path,
            ProviderArn = providerArn,
            ClientId = audience,
            Subject = subject,
            ThumbprintNote = ThumbprintNote(issuer, platform),
            Claims = claims,
            Statement = statement,
            Notes = notes,
        };
    }

    private static string ThumbprintNote(string issuer, OidcPlatform platform)
    {
        var host = Uri.TryCreate(issuer, UriKind.Absolute, out var uri) ? uri.Host : issuer;
        var common = "IAM no longer requires a thumbprint: leave the thumbprint list empty and IAM fetches the top intermediate CA thumbprint of the issuer's TLS certificate itself; "
            + "for issuers whose certificates chain to a CA in IAM's library of trusted root CAs (GitHub's among them) IAM verifies through that library and ignores any thumbprint.";
        var howTo = $" Where a tool or an older template still asks for one: read jwks_uri from {issuer.TrimEnd('/')}/.well-known/openid-configuration, then "
            + "`openssl s_client -connect JWKS_HOST:443 -servername JWKS_HOST -showcerts </dev/null`, save the last certificate shown, and "
            + "`openssl x509 -in last.pem -noout -fingerprint -sha1`; the thumbprint is that value without colons (40 hex digits).";
        return platform == OidcPlatform.GitHubActions ? common + " No thumbprint is needed for " + host + "." : common + howTo;
    }

    private static IEnumerable<string> GitHubNotes(OidcTokenClaims claims, string subject)
    {
        // The repository claim says it; a token without it (some GitHub Enterprise Server versions) says it in the sub.
        var repository = claims.Claim("repository")
            ?? (subject.StartsWith("repo:", StringComparison.Ordinal) && subject.IndexOf(':', 5) is > 5 and var end ? subject[5..end] : null);
        var environment = claims.Claim("environment");
        var reference = claims.Claim("ref");
        if (repository is not null && subject.StartsWith($"repo:{repository}:", StringComparison.Ordinal))
        {
            var rest = subject[$"repo:{repository}:".Length..];
            yield return rest switch
            {
                _ when environment is not null && rest == $"environment:{environment}" => $"The sub condition pins repository {repository} and environment {environment}: only jobs that use that environment can assume the role.",
                _ when rest.StartsWith("ref:", StringComparison.Ordinal) => $"The sub condition pins repository {repository} and {rest[4..]}: other branches, tags and pull requests are refused.",
                "pull_request" => $"The sub condition pins pull-request workflows of repository {repository} — including pull requests from forks that the workflow runs; prefer an environment or a branch for deployments.",
                _ => $"The sub condition pins repository {repository} ({rest}).",
            };
        }
        else if (repository is not null && claims.Claim("repository_owner_id") is { } ownerId && subject.Contains($"-{ownerId}/", StringComparison.Ordinal))
        {
            yield return $"This token has GitHub's immutable subject format (owner and repository ids appended): a trust policy written for 'repo:{repository}:…' does not match it; pin the sub shown here.";
        }
        else
        {
            yield return $"The sub '{subject}' follows a customized subject template (repository {repository ?? "(not in the token)"}): the condition pins it exactly as GitHub sends it.";
        }

        if (environment is null && reference is not null)
        {
            yield return "To require a deployment environment (and its protection rules), use `environment:` in the job; its token's sub then ends with ':environment:NAME' — run explain from that job.";
        }
    }

    private static IEnumerable<string> AzureDevOpsNotes(OidcTokenFacts facts, string subject)
    {
        if (subject.StartsWith("sc://", StringComparison.Ordinal) && subject["sc://".Length..].Split('/') is [var org, var project, var connection])
        {
            yield return $"The sub condition pins service connection '{connection}' of project '{project}' in organization '{org}'.";
        }
        else
        {
            yield return "The sub condition pins this service connection's subject exactly as Azure DevOps sends it.";
        }

        if (facts.IssuerNote is { } note)
        {
            yield return note;
        }
    }
}
