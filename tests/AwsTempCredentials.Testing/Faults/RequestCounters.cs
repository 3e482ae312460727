using System.Collections.Concurrent;

namespace AwsTempCredentials.Testing.Faults;

/// <summary>How many requests a fake received, per action (faulted ones included).</summary>
public sealed class RequestCounters
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private int _total;

    public int Total => Volatile.Read(ref _total);

    public int this[string action] => _counts.GetValueOrDefault(action);

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts, StringComparer.Ordinal);

    internal void Count(string action)
    {
        Interlocked.Increment(ref _total);
        _counts.AddOrUpdate(action, 1, (_, n) => n + 1);
    }
}
