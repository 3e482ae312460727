namespace AwsTempCredentials.Testing.Faults;

/// <summary>
/// Faults queued for the next requests of a fake: each entry applies to <c>count</c> requests in turn,
/// optionally only to one action (e.g. "AssumeRole"). Thread-safe.
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];

    /// <summary>Queues <paramref name="kind"/> for the next <paramref name="count"/> requests (of <paramref name="action"/> when given).</summary>
    public FaultPlan Enqueue(FaultKind kind, int count = 1, string? action = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            _entries.Add(new Entry(kind, action) { Remaining = count });
        }

        return this;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _entries.Sum(e => e.Remaining);
            }
        }
    }

    /// <summary>Takes the fault for a request of <paramref name="action"/>, if one is queued.</summary>
    public FaultKind? TakeFor(string action)
    {
        lock (_gate)
        {
            var entry = _entries.FirstOrDefault(e => e.Action is null || string.Equals(e.Action, action, StringComparison.Ordinal));
            if (entry is null)
            {
                return null;
            }

            if (--entry.Remaining == 0)
            {
                _entries.Remove(entry);
            }

            return entry.Kind;
        }
    }

    private sealed record Entry(FaultKind Kind, string? Action)
    {
        public int Remaining { get; set; }
    }
}
