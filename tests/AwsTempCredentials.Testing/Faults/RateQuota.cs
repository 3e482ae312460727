namespace AwsTempCredentials.Testing.Faults;

/// <summary>
/// A request-rate quota as AWS enforces one: a token bucket refilled at <see cref="PerSecond"/> tokens a second, holding
/// at most <see cref="Burst"/>. A request that finds no token is throttled. Thread-safe.
/// </summary>
public sealed class RateQuota
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private double _tokens;
    private long _last;
    private int _admitted;
    private int _throttled;

    public RateQuota(double perSecond, double? burst = null, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        PerSecond = perSecond;
        Burst = burst ?? Math.Max(1, perSecond);
        _clock = clock ?? TimeProvider.System;
        _tokens = Burst;
        _last = _clock.GetTimestamp();
    }

    public double PerSecond { get; }

    public double Burst { get; }

    /// <summary>Requests the quota let through.</summary>
    public int Admitted => Volatile.Read(ref _admitted);

    /// <summary>Requests the quota throttled.</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    /// <summary>Takes a token; false when the bucket is empty (the request is to be throttled).</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            _tokens = Math.Min(Burst, _tokens + (_clock.GetElapsedTime(_last, now).TotalSeconds * PerSecond));
            _last = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                _admitted++;
                return true;
            }

            _throttled++;
            return false;
        }
    }
}
