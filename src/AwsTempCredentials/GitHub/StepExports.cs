using AwsTempCredentials.Credentials;
using AwsTempCredentials.Output;

namespace AwsTempCredentials.GitHub;

/// <summary>What the step hands on: variables for <c>GITHUB_ENV</c> and outputs for <c>GITHUB_OUTPUT</c>.</summary>
internal static class StepExports
{
    public const string SessionToken = "AWS_SESSION_TOKEN";
    public const string Expiration = "AWS_CREDENTIAL_EXPIRATION";

    /// <summary>
    /// The variables the AWS CLI and SDKs read. AWS_SESSION_TOKEN (and the expiration) are written even when empty,
    /// so a token from an earlier step can never pair with these keys.
    /// </summary>
    public static List<KeyValuePair<string, string>> Environment(CredentialResult result)
    {
        var variables = CredentialFormatter.EnvironmentVariables(result).ToList();
        foreach (var name in new[] { SessionToken, Expiration })
        {
            if (!variables.Exists(v => v.Key == name))
            {
                variables.Add(new(name, string.Empty));
            }
        }

        return variables;
    }

    /// <summary>The variables that clear credentials a previous step exported.</summary>
    public static List<KeyValuePair<string, string>> Cleared() =>
        new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", SessionToken, Expiration, "AWS_REGION", "AWS_DEFAULT_REGION" }
            .Select(name => new KeyValuePair<string, string>(name, string.Empty)).ToList();

    /// <summary>The action's outputs, with the credentials themselves only when output-credentials is true.</summary>
    public static List<KeyValuePair<string, string>> Outputs(CredentialResult result, bool includeCredentials)
    {
        var outputs = new List<KeyValuePair<string, string>>
        {
            new("aws-account-id", result.Identity.Account),
            new("authenticated-arn", result.Identity.Arn),
        };
        if (includeCredentials)
        {
            outputs.Add(new("aws-access-key-id", result.Credentials.AccessKeyId));
            outputs.Add(new("aws-secret-access-key", result.Credentials.SecretAccessKey));
            if (result.Credentials.SessionToken is { } token)
            {
                outputs.Add(new("aws-session-token", token));
            }

            if (result.Credentials.Expiration is { } expiration)
            {
                outputs.Add(new("aws-expiration", CredentialFormatter.Iso8601(expiration)));
            }
        }

        return outputs;
    }
}
