using System.Globalization;
using AwsTempCredentials.Errors;
using AwsTempCredentials.Reporting;
using Polly;
using Polly.Retry;

namespace AwsTempCredentials.Http;

/// <summary>
/// How every call of a run is retried. Throttling is waited out — for as long as the run's throttling budget lasts,
/// with capped exponential backoff and jitter, or the service's <c>Retry-After</c> — because pipelines start in bursts
/// that share one account's quota. Network faults, attempt timeouts and 5xx answers get a few attempts
/// (<see cref="HttpSettings.MaxAttempts"/>). Anything else comes back at once. One progress line per wait.
/// </summary>
/// <remarks>
/// The throttling waits use "decorrelated jitter" (each wait drawn between <see cref="ThrottlingBaseDelay"/> and three
/// times the previous one, capped at <see cref="ThrottlingMaxDelay"/>) from the AWS Architecture Blog's
/// "Exponential Backoff And Jitter". Against a token-bucket quota it needs fewer requests per job than full jitter
/// and has a shorter tail: bench/org-scale.sh measures both.
/// </remarks>
public sealed class RetryPolicy
{
    public static readonly TimeSpan ThrottlingBaseDelay = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan ThrottlingMaxDelay = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan FaultBaseDelay = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan FaultMaxDelay = TimeSpan.FromSeconds(5);

    private readonly HttpSettings _settings;
    private readonly IReporter _reporter;
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _throttlingBudgetEnds;

    /// <param name="throttlingBudgetEnds">When waiting out throttling must stop: the run's start plus the budget, or its deadline when sooner.</param>
    public RetryPolicy(HttpSettings settings, IReporter reporter, TimeProvider? clock = null, DateTimeOffset? throttlingBudgetEnds = null)
    {
        _settings = settings;
        _reporter = reporter;
        _clock = clock ?? TimeProvider.System;
        _throttlingBudgetEnds = throttlingBudgetEnds ?? _clock.GetUtcNow() + settings.ThrottlingBudget;
    }

    public HttpSettings Settings => _settings;

    /// <summary>Runs <paramref name="attempt"/> until its outcome is not worth retrying or the retry budgets are spent.</summary>
    /// <param name="classify">Why an outcome is worth another attempt; null when it is final (success or a refusal).</param>
    /// <exception cref="ServiceThrottledException">Still throttled when the throttling budget ran out.</exception>
    public async Task<T> ExecuteAsync<T>(
        CallDescription call, Func<CancellationToken, Task<T>> attempt, Func<Outcome<T>, RetryReason?> classify, CancellationToken cancellationToken)
    {
        var state = new CallState(_clock.GetUtcNow());
        // The non-generic pipeline: Polly's typed AddRetry<T> needs T's members kept for trimming, which callers cannot promise.
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = _clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(state, classify(Typed<T>(args.Outcome)), args.Context.CancellationToken)),
                DelayGenerator = _ => ValueTask.FromResult<TimeSpan?>(state.NextDelay),
                OnRetry = args =>
                {
                    (args.Outcome.Result as IDisposable)?.Dispose();
                    Report(call, state);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

        T result;
        try
        {
            result = await pipeline.ExecuteAsync(async token => await attempt(token), cancellationToken);
        }
        catch (Exception e) when (state.ThrottlingOutlastedBudget)
        {
            throw Throttled(call, state, e);
        }

        if (state.ThrottlingOutlastedBudget)
        {
            (result as IDisposable)?.Dispose();
            throw Throttled(call, state, null);
        }

        return result;
    }

    private static Outcome<T> Typed<T>(Outcome<object> outcome) =>
        outcome.Exception is { } exception ? Outcome.FromException<T>(exception) : Outcome.FromResult((T)outcome.Result!);

    private bool ShouldRetry(CallState state, RetryReason? reason, CancellationToken cancellationToken)
    {
        state.Last = reason;
        if (reason is null || cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (reason is RetryReason.Fault)
        {
            state.Faults++;
            if (state.Faults >= _settings.MaxAttempts)
            {
                return false;
            }

            var window = Math.Min(FaultMaxDelay.TotalMilliseconds, FaultBaseDelay.TotalMilliseconds * Math.Pow(2, state.Faults - 1));
            state.NextDelay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * window);
            return true;
        }

        var throttled = (RetryReason.Throttled)reason;
        state.Throttles++;
        var left = _throttlingBudgetEnds - _clock.GetUtcNow();
        var delay = throttled.RetryAfter ?? NextThrottlingDelay(state.PreviousThrottlingDelay);
        if (delay >= left)
        {
            // Waiting would end past the budget (or the run's deadline): stop now with the quota's story.
            state.ThrottlingOutlastedBudget = true;
            return false;
        }

        state.PreviousThrottlingDelay = delay;
        state.NextDelay = delay;
        state.BudgetLeftAfterWait = left - delay;
        return true;
    }

    /// <summary>The next throttling wait: drawn between the base delay and three times the previous wait, capped.</summary>
    public static TimeSpan NextThrottlingDelay(TimeSpan previous)
    {
        var low = ThrottlingBaseDelay.TotalMilliseconds;
        var high = Math.Max(low, previous.TotalMilliseconds * 3);
        return TimeSpan.FromMilliseconds(Math.Min(ThrottlingMaxDelay.TotalMilliseconds, low + (Random.Shared.NextDouble() * (high - low))));
    }

    private void Report(CallDescription call, CallState state)
    {
        var wait = Seconds(state.NextDelay);
        switch (state.Last)
        {
            case RetryReason.Throttled throttled:
                _reporter.Progress($"{call.Operation} is throttled ({throttled.Code}); next attempt in {wait}, {Seconds(state.BudgetLeftAfterWait)} of the throttling budget left.");
                break;
            case RetryReason.Fault fault:
                _reporter.Progress($"{call.Operation}: {fault.Description}; next attempt in {wait} (attempt {state.Faults + 1} of {_settings.MaxAttempts}).");
                break;
        }
    }

    private ServiceThrottledException Throttled(CallDescription call, CallState state, Exception? innerException)
    {
        var code = (state.Last as RetryReason.Throttled)?.Code ?? "throttled";
        var waited = _clock.GetUtcNow() - state.Started;
        var budget = _settings.ThrottlingBudget;
        var what = state.Throttles == 1 && budget <= TimeSpan.Zero
            ? $"{call.Operation} was throttled ({code})."
            : $"{call.Operation} was still throttled ({code}) after {Seconds(waited)} and {state.Throttles} throttled attempts.";
        var quota = call.Quota is { } q ? $" {q.Name} of {q.Scope} is used up by everything calling it at once." : string.Empty;
        var raise = call.Quota is { } r ? $"Raise the quota ({r.HowToRaise}), or start fewer jobs at once" : "Start fewer jobs at once";
        var budgetHint = budget <= TimeSpan.Zero
            ? $"; throttling is not waited out because {Options.OptionNames.ThrottlingBudgetSeconds} is 0 (or disable-retry is set)."
            : $"; or give {Options.OptionNames.ThrottlingBudgetSeconds} (now {budget.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)}) or the action timeout more time.";
        return new ServiceThrottledException(what + quota, raise + budgetHint, innerException);
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds switch
    {
        < 10 => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        < 120 => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s",
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds} s"),
    };

    private sealed class CallState(DateTimeOffset started)
    {
        public DateTimeOffset Started { get; } = started;

        public RetryReason? Last { get; set; }

        public int Faults { get; set; }

        public int Throttles { get; set; }

        public TimeSpan NextDelay { get; set; }

        public TimeSpan PreviousThrottlingDelay { get; set; }

        public TimeSpan BudgetLeftAfterWait { get; set; }

        public bool ThrottlingOutlastedBudget { get; set; }
    }
}
