using System.Net.Sockets;
using AwsTempCredentials.IO;

namespace AwsTempCredentials.Errors;

/// <summary>
/// The one place that turns any exception into a <see cref="CredentialException"/>: a documented exit code and a
/// message in plain words. Messages of foreign exceptions are never copied: they can quote file content or answers
/// (secrets), and in the published binary they are resource keys.
/// </summary>
public static class FailureTranslator
{
    public static CredentialException Translate(Exception exception, bool cancelled)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            exception = aggregate.InnerExceptions[0];
        }

        return exception switch
        {
            CredentialException known => known,
            OperationCanceledException when cancelled => new CancelledException(exception),
            OperationCanceledException { InnerException: TimeoutException } => new ServiceUnavailableException(
                "A network call timed out.", "Check network access to AWS (proxy settings, VPC endpoints, AWS_ENDPOINT_URL_*).", exception),
            _ when SharedFileProblem(exception) is { } shared => shared,
            IOException or UnauthorizedAccessException => new PlatformException(
                $"A file operation failed: {FileProblems.Describe(exception)}.",
                "Check the paths given (profile files, inputs, CI file commands) exist, are regular files and are writable by this user.", exception),
            HttpRequestException http => new ServiceUnavailableException(
                $"A network call failed: {NetworkProblem(http)}.",
                "Check network access to AWS (proxy settings, VPC endpoints, AWS_ENDPOINT_URL_*).", exception),
            _ => new UnexpectedException(exception),
        };
    }

    /// <summary>Plain words for a network failure, from the socket error when there is one.</summary>
    public static string NetworkProblem(HttpRequestException exception) =>
        (exception.InnerException as SocketException ?? exception.InnerException?.InnerException as SocketException)?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host name not found",
            SocketError.TimedOut => "connection timed out",
            SocketError.ConnectionReset => "connection reset",
            SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
            _ => exception.InnerException is System.Security.Authentication.AuthenticationException
                ? "TLS handshake failed (untrusted or invalid certificate)"
                : exception.HttpRequestError switch
                {
                    HttpRequestError.NameResolutionError => "host name not found",
                    HttpRequestError.ConnectionError => "could not connect",
                    HttpRequestError.SecureConnectionError => "TLS handshake failed",
                    HttpRequestError.ResponseEnded => "the server closed the connection early",
                    HttpRequestError.ProxyTunnelError => "the proxy refused the tunnel",
                    _ => "the request could not be completed",
                },
        };

    // The AWS SDK reads ~/.aws/credentials and ~/.aws/config when a run uses existing credentials; a line it cannot
    // parse surfaces as InvalidDataException quoting the line (possibly a secret): name file and line number only.
    private static PlatformException? SharedFileProblem(Exception exception)
    {
        var inner = exception;
        while (inner is TypeInitializationException { InnerException: { } next })
        {
            inner = next;
        }

        if (inner is not InvalidDataException invalid)
        {
            return null;
        }

        var text = invalid.Message;
        var line = System.Text.RegularExpressions.Regex.Match(text, @"^Line (\d+)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        var file = System.Text.RegularExpressions.Regex.Match(text, @" in file (.+?) does not contain", System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Singleline);
        var where = file.Success ? file.Groups[1].Value.Trim() : "an AWS shared credentials or config file";
        var lineText = line.Success ? $" line {line.Groups[1].Value}" : string.Empty;
        return new PlatformException(
            $"The AWS SDK cannot read {where}:{lineText} is neither a [section], a key = value setting nor a comment.",
            "Fix or remove that line (the AWS CLI refuses it too), or point AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE elsewhere.", exception);
    }
}
