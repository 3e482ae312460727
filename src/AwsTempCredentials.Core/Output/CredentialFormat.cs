namespace AwsTempCredentials.Output;

/// <summary>How credentials are printed.</summary>
public enum CredentialFormat
{
    /// <summary>POSIX shell <c>export NAME='value'</c> lines, for <c>eval "$(…)"</c>.</summary>
    Env,

    /// <summary><c>NAME=value</c> lines, for .env files and <c>docker --env-file</c>.</summary>
    Dotenv,

    /// <summary>One JSON object with credentials, expiration, account and ARN.</summary>
    Json,

    /// <summary>The AWS <c>credential_process</c> JSON (Version 1).</summary>
    CredentialProcess,
}
