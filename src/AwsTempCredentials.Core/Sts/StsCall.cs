using Amazon.Runtime;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Http;

namespace AwsTempCredentials.Sts;

/// <summary>
/// One STS call under the run's retry policy (throttling waited out, faults retried a few times), its failures
/// turned into precise errors with the likely cause.
/// </summary>
internal static class StsCall
{
    private const string QuotaName = "The STS request rate quota";

    private const string HowToRaise = "Service Quotas or AWS Support; see 'IAM and AWS STS quotas' in the IAM User Guide";

    /// <param name="account">The account whose STS quota the call counts against (the role's), when known.</param>
    public static async Task<T> RunAsync<T>(
        StsClientFactory sts, string operation, string? account, Func<CancellationToken, Task<T>> call, Func<AmazonServiceException, string?> hint, CancellationToken cancellationToken)
    {
        var description = new CallDescription(
            $"STS {operation} at {sts.EndpointDescription}",
            "Check network access, HTTPS_PROXY/NO_PROXY, AWS_CA_BUNDLE for a TLS-inspecting proxy, and AWS_ENDPOINT_URL_STS if you use a VPC endpoint.",
            new ThrottlingQuota(QuotaName, account, sts.Region, HowToRaise));
        try
        {
            return await sts.Retry.ExecuteAsync(description, call, outcome => Classify(outcome.Exception, cancellationToken), cancellationToken);
        }
        catch (Exception e) when (e is AmazonUnmarshallingException or System.Xml.XmlException)
        {
            throw new ServiceUnavailableException(
                $"STS at {sts.EndpointDescription} answered {operation} with something that is not an STS response.",
                "A proxy or captive portal may be answering instead of STS: check HTTPS_PROXY/NO_PROXY and AWS_ENDPOINT_URL_STS.", e);
        }
        catch (AmazonServiceException e) when (e.StatusCode is >= System.Net.HttpStatusCode.MultipleChoices and < System.Net.HttpStatusCode.BadRequest)
        {
            throw new ServiceUnavailableException(
                $"STS at {sts.EndpointDescription} answered {operation} with a redirect (HTTP {(int)e.StatusCode}); it was not followed, so nothing was sent elsewhere.",
                "STS never redirects: check AWS_ENDPOINT_URL_STS (or sts-endpoint) and any proxy in between.", e);
        }
        catch (AmazonServiceException e) when (e.StatusCode is >= System.Net.HttpStatusCode.BadRequest and < System.Net.HttpStatusCode.InternalServerError)
        {
            throw ServiceRefusedException.ForCode("STS", operation, e.ErrorCode ?? e.StatusCode.ToString(), e.Message, hint(e) ?? CommonHint(e), e);
        }
        catch (AmazonServiceException e) when (e.StatusCode != 0)
        {
            throw new ServiceUnavailableException($"STS {operation} kept failing: {e.ErrorCode}: {e.Message}.", "STS is having trouble; try again later.", e);
        }
        catch (Exception e) when (UntrustedServerException.IsCause(e))
        {
            throw new UntrustedServerException($"STS at {sts.EndpointDescription}", e);
        }
        catch (Exception e) when (e is AmazonClientException or AmazonServiceException or HttpRequestException
                                      or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var root = e.InnerException ?? e;
            throw new ServiceUnavailableException(
                $"STS at {sts.EndpointDescription} could not be reached for {operation}: {RetryingSender.Describe(root is HttpRequestException ? root : e)}.",
                description.UnreachableHint, e);
        }
    }

    /// <summary>The credentials and assumed role of an AssumeRole* answer; a clear error when the answer lacks them.</summary>
    public static Credentials.SessionCredentials ReadSession(string operation, StsClientFactory sts, Amazon.SecurityToken.Model.Credentials? credentials, Amazon.SecurityToken.Model.AssumedRoleUser? user)
    {
        if (credentials is not { AccessKeyId: { Length: > 0 } id, SecretAccessKey: { Length: > 0 } secret, SessionToken: { Length: > 0 } token })
        {
            throw new ServiceUnavailableException(
                $"STS at {sts.EndpointDescription} answered {operation} without credentials.",
                "A proxy may be answering instead of STS: check HTTPS_PROXY/NO_PROXY and AWS_ENDPOINT_URL_STS.");
        }

        return new Credentials.SessionCredentials(id, secret, token, credentials.Expiration)
        {
            Identity = Credentials.CallerIdentity.FromAssumedRoleUser(user?.Arn, user?.AssumedRoleId),
        };
    }

    private static RetryReason? Classify(Exception? exception, CancellationToken cancellationToken) => exception switch
    {
        null or AmazonUnmarshallingException or System.Xml.XmlException or AmazonServiceException { StatusCode: >= System.Net.HttpStatusCode.MultipleChoices and < System.Net.HttpStatusCode.BadRequest } => null,
        _ when UntrustedServerException.IsCause(exception) => null,
        AmazonServiceException e when IsThrottling(e) => new RetryReason.Throttled(e.ErrorCode ?? "HTTP 429"),
        AmazonServiceException { StatusCode: >= System.Net.HttpStatusCode.InternalServerError } e => new RetryReason.Fault($"{e.ErrorCode ?? "HTTP " + (int)e.StatusCode}"),
        AmazonServiceException { StatusCode: 0 } or AmazonClientException or HttpRequestException => new RetryReason.Fault(RetryingSender.Describe(exception.InnerException as HttpRequestException ?? exception)),
        TaskCanceledException when !cancellationToken.IsCancellationRequested => new RetryReason.Fault(RetryingSender.Describe(exception)),
        _ => null,
    };

    /// <summary>STS answers throttling with HTTP 400 and one of these codes ("Rate exceeded"): a 4xx worth waiting out.</summary>
    private static bool IsThrottling(AmazonServiceException e) =>
        e.ErrorCode is "Throttling" or "ThrottlingException" or "RequestLimitExceeded" or "TooManyRequestsException" || (int)e.StatusCode == 429;

    private static string? CommonHint(AmazonServiceException e) => e.ErrorCode switch
    {
        "InvalidClientTokenId" => "The access key id is not valid: deleted, inactive, or from another partition (aws-cn, aws-us-gov).",
        "SignatureDoesNotMatch" => "The secret access key does not belong to the access key id, or the machine's clock is wrong.",
        "ExpiredToken" => "The session token has expired: get fresh credentials for the step that calls this one.",
        "RegionDisabledException" => "STS is not activated in this region: activate it in the IAM account settings, or use another aws-region.",
        "MalformedPolicyDocument" => "Check inline-session-policy is a valid IAM policy document.",
        "PackedPolicyTooLarge" => "The session policies and tags are too large: shorten inline-session-policy, use fewer managed-session-policies or session tags.",
        _ when e.Message.Contains("1 hour session limit", StringComparison.OrdinalIgnoreCase) =>
            "Roles assumed by role chaining are limited to 3600 seconds: lower role-duration-seconds.",
        _ when e.Message.Contains("MaxSessionDuration", StringComparison.OrdinalIgnoreCase) =>
            "Lower role-duration-seconds, or raise the role's maximum session duration in IAM.",
        _ => null,
    };
}
