using AwsTempCredentials.Credentials;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Explain;
using AwsTempCredentials.Http;
using AwsTempCredentials.Options;
using AwsTempCredentials.Reporting;
using AwsTempCredentials.RolesAnywhere;
using AwsTempCredentials.Sts;

namespace AwsTempCredentials.Broker;

/// <summary>
/// Obtains credentials for a request: the first source, then role chaining, then GetCallerIdentity and the
/// allowed-account check — all before the host exports anything.
/// </summary>
public sealed class CredentialBroker(CredentialRequest request, BrokerEnvironment environment)
{
    private OidcTokenFacts? _webIdentityToken;

    private IReporter Reporter => environment.Reporter;

    public async Task<CredentialResult> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var settings = environment.Http with { MaxAttempts = request.RetryMaxAttempts, ThrottlingBudget = request.ThrottlingBudget };
        var started = environment.Clock.GetUtcNow();
        var throttlingEnds = started + request.ThrottlingBudget;
        if (request.Deadline is { } limit)
        {
            deadline.CancelAfter(limit);
            settings = settings with { AttemptTimeout = limit < settings.AttemptTimeout ? limit : settings.AttemptTimeout };
            throttlingEnds = started + limit < throttlingEnds ? started + limit : throttlingEnds;
        }

        try
        {
            using var http = HttpClientBuilder.Create(settings);
            var retry = new RetryPolicy(settings, Reporter, environment.Clock, throttlingEnds);
            var sts = new StsClientFactory(request.EffectiveRegion, environment.Endpoints, http, retry, keepAwayFromSharedFiles: request.Method != AuthMethod.Ambient);
            var source = BuildSource(sts, new RetryingSender(http, retry), retry);
            Reporter.Info($"Getting credentials: {source.Description}.");
            var credentials = await source.GetCredentialsAsync(deadline.Token);
            foreach (var secret in credentials.Secrets())
            {
                Reporter.RegisterSecret(secret);
            }

            // The assuming call's answer names the role (and so the account); only plain keys need GetCallerIdentity.
            var identity = credentials.Identity ?? await new CallerIdentityReader(sts).ReadAsync(credentials, deadline.Token);
            if (request.MaskAccountId)
            {
                Reporter.RegisterSecret(identity.Account);
            }

            if (request.AllowedAccountIds.Count > 0 && !request.AllowedAccountIds.Contains(identity.Account))
            {
                throw new AccountNotAllowedException(request.MaskAccountId ? "***" : identity.Account, request.AllowedAccountIds);
            }

            return new CredentialResult(credentials, identity, request.Method, request.EffectiveRegion, request.MaskAccountId)
            {
                WebIdentityToken = _webIdentityToken,
            };
        }
        catch (Exception e) when (e is OperationCanceledException or ServiceUnavailableException
                                  && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DeadlineExceededException(request.Deadline!.Value, e);
        }
    }

    /// <summary>The chain of sources the request describes, outermost last.</summary>
    public AwsCredentialSource BuildSource(StsClientFactory sts, RetryingSender sender, RetryPolicy retry)
    {
        var role = request.RoleToAssume;
        var chained = request.Chaining.Roles;
        var first = request.Method switch
        {
            AuthMethod.RolesAnywhere => new RolesAnywhereCredentialSource(
                new RolesAnywhereClient(sender, environment.Endpoints, environment.Clock),
                request.KeyMaterial, request.TrustAnchorArn!, request.ProfileArn!, role!,
                request.RoleSessionNameIsExplicit ? request.RoleSessionName : null, FirstDuration(chained.Count), environment.Clock)
            {
                Reporter = Reporter,
            },
            AuthMethod.WebIdentity => new WebIdentityCredentialSource(token => GetWebIdentityTokenAsync(retry, token), sts, role!, request.RoleSessionName, FirstDuration(chained.Count))
            {
                InlinePolicy = chained.Count == 0 ? request.InlineSessionPolicy : null,
                ManagedPolicies = chained.Count == 0 ? request.ManagedSessionPolicies : [],
            },
            AuthMethod.AccessKeys => AssumeIfRole(new StaticCredentialSource(new SessionCredentials(
                request.AccessKeyId!, request.SecretAccessKey!, request.SessionToken, null)), sts, role, chained.Count),
            _ => AssumeIfRole(new AmbientCredentialSource(environment.IgnoreEnvironmentCredentials), sts, role, chained.Count),
        };

        var source = first;
        for (var i = 0; i < chained.Count; i++)
        {
            var last = i == chained.Count - 1;
            source = new AssumeRoleCredentialSource(source, sts, new AssumeRoleParameters(chained[i], request.RoleSessionName, ChainedDuration())
            {
                SourceIdentity = request.SourceIdentity,
                InlinePolicy = last ? request.InlineSessionPolicy : null,
                ManagedPolicies = last ? request.ManagedSessionPolicies : [],
            }, Reporter);
        }

        return source;
    }

    private AwsCredentialSource AssumeIfRole(AwsCredentialSource source, StsClientFactory sts, Arn? role, int chainedCount)
    {
        if (role is null)
        {
            return source;
        }

        var tags = request.SkipSessionTagging ? [] : request.SessionTags;
        return new AssumeRoleCredentialSource(source, sts, new AssumeRoleParameters(role, request.RoleSessionName, FirstDuration(chainedCount))
        {
            ExternalId = request.ExternalId,
            Tags = tags,
            TransitiveTagKeys = tags.Count > 0 ? request.TransitiveTagKeys : [],
            SourceIdentity = request.SourceIdentity,
            InlinePolicy = chainedCount == 0 ? request.InlineSessionPolicy : null,
            ManagedPolicies = chainedCount == 0 ? request.ManagedSessionPolicies : [],
        }, Reporter);
    }

    /// <summary>The first role's duration: when chaining follows, only long enough to assume the next role.</summary>
    private int FirstDuration(int chainedCount) => chainedCount == 0 ? request.DurationSeconds : Math.Min(request.DurationSeconds, CredentialRequest.ChainedDurationCapSeconds);

    private int ChainedDuration()
    {
        if (request.DurationSeconds <= CredentialRequest.ChainedDurationCapSeconds)
        {
            return request.DurationSeconds;
        }

        Reporter.Warning($"role-duration-seconds {request.DurationSeconds} is above the 3600 s AWS allows for chained roles; chained sessions last 3600 s.");
        return CredentialRequest.ChainedDurationCapSeconds;
    }

    private async Task<string> GetWebIdentityTokenAsync(RetryPolicy retry, CancellationToken cancellationToken)
    {
        string token;
        if (request.WebIdentityTokenFile is { } path)
        {
            // Bounded and under the deadline: a FIFO without a writer or /dev/zero must not hang or grow the run.
            token = await IO.BoundedInput.ReadFileTextAsync(OptionNames.WebIdentityTokenFile, path, cancellationToken);

            if (token.Length == 0)
            {
                throw new InvalidOptionsException([new OptionError(OptionNames.WebIdentityTokenFile, $"'{path}' is empty.")]);
            }
        }
        else if (environment.WebIdentityTokenProvider is { } provider)
        {
            token = await provider(request.Audience, retry, cancellationToken);
        }
        else
        {
            throw new InvalidOptionsException([new OptionError(OptionNames.WebIdentityTokenFile, "is required: no OIDC token is available.")]);
        }

        Reporter.RegisterSecret(token);
        _webIdentityToken = OidcTokenFacts.Read(token, request.Audience, request.RoleToAssume);
        if (_webIdentityToken is not null)
        {
            Reporter.Info($"OIDC token claims: {_webIdentityToken.Claims.Describe()}.");
        }

        return token;
    }
}
