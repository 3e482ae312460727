using Amazon.Runtime;
using AwsTempCredentials.Errors;

namespace AwsTempCredentials.Sts;

/// <summary>Turns STS failures into precise errors with the likely cause.</summary>
internal static class StsErrorTranslator
{
    public static async Task<T> CallAsync<T>(
        string operation, string endpoint, Func<Task<T>> call, Func<AmazonServiceException, string?> hint, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (AmazonServiceException e) when (e.StatusCode is >= System.Net.HttpStatusCode.BadRequest and < System.Net.HttpStatusCode.InternalServerError
                                                && !IsThrottling(e))
        {
            throw new AccessDeniedException("STS", operation, e.ErrorCode ?? e.StatusCode.ToString(), e.Message, hint(e) ?? CommonHint(e), e);
        }
        catch (AmazonServiceException e) when (e.StatusCode != 0)
        {
            throw new ServiceUnavailableException(
                $"STS {operation} kept failing: {e.ErrorCode}: {e.Message}.",
                IsThrottling(e) ? "STS is throttling this account; spread out parallel jobs or raise retry-max-attempts." : "STS is having trouble; try again later.", e);
        }
        catch (Exception e) when (e is AmazonClientException or AmazonServiceException or HttpRequestException
                                      or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var root = e.InnerException ?? e;
            throw new ServiceUnavailableException(
                $"STS at {endpoint} could not be reached for {operation}: {Http.RetryingSender.Describe(root is HttpRequestException ? root : e)}.",
                "Check network access, HTTPS_PROXY/NO_PROXY, AWS_CA_BUNDLE for a TLS-inspecting proxy, and AWS_ENDPOINT_URL_STS if you use a VPC endpoint.", e);
        }
    }

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
