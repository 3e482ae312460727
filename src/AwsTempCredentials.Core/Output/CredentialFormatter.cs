using System.Globalization;
using System.Text;
using System.Text.Json;
using AwsTempCredentials.Credentials;

namespace AwsTempCredentials.Output;

/// <summary>Renders a <see cref="CredentialResult"/> in one of the <see cref="CredentialFormat"/>s.</summary>
public static class CredentialFormatter
{
    public static string Format(CredentialResult result, CredentialFormat format) => format switch
    {
        CredentialFormat.Env => Lines(result, (name, value) => $"export {name}={ShellQuote(value)}"),
        CredentialFormat.Dotenv => Lines(result, (name, value) => $"{name}={value}"),
        CredentialFormat.Json => Json(result, credentialProcess: false),
        CredentialFormat.CredentialProcess => Json(result, credentialProcess: true),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The environment variables the AWS CLI and SDKs read, in a stable order; empty values are left out.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> EnvironmentVariables(CredentialResult result)
    {
        var variables = new List<KeyValuePair<string, string>>
        {
            new("AWS_ACCESS_KEY_ID", result.Credentials.AccessKeyId),
            new("AWS_SECRET_ACCESS_KEY", result.Credentials.SecretAccessKey),
        };
        if (result.Credentials.SessionToken is { } token)
        {
            variables.Add(new("AWS_SESSION_TOKEN", token));
        }

        if (result.Region is { } region)
        {
            variables.Add(new("AWS_REGION", region));
            variables.Add(new("AWS_DEFAULT_REGION", region));
        }

        if (result.Credentials.Expiration is { } expiration)
        {
            variables.Add(new("AWS_CREDENTIAL_EXPIRATION", Iso8601(expiration)));
        }

        return variables;
    }

    public static string Iso8601(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Lines(CredentialResult result, Func<string, string, string> line)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in EnvironmentVariables(result))
        {
            builder.Append(line(name, value)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Single-quotes a value for POSIX shells: <c>'</c> becomes <c>'\''</c>.</summary>
    public static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Json(CredentialResult result, bool credentialProcess)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = !credentialProcess }))
        {
            writer.WriteStartObject();
            if (credentialProcess)
            {
                writer.WriteNumber("Version", 1);
            }

            writer.WriteString("AccessKeyId", result.Credentials.AccessKeyId);
            writer.WriteString("SecretAccessKey", result.Credentials.SecretAccessKey);
            if (result.Credentials.SessionToken is { } token)
            {
                writer.WriteString("SessionToken", token);
            }

            if (result.Credentials.Expiration is { } expiration)
            {
                writer.WriteString("Expiration", Iso8601(expiration));
            }

            if (!credentialProcess)
            {
                if (result.Region is { } region)
                {
                    writer.WriteString("Region", region);
                }

                writer.WriteString("Account", result.Identity.Account);
                writer.WriteString("Arn", result.Identity.Arn);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
