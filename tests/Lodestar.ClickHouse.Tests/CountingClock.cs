namespace Lodestar.ClickHouse.Tests;

/// <summary>
/// The system clock, recording every wait a retry asks for; optionally runs an action (a shard's restart)
/// at the first wait, so "the shard comes back during the backoff" happens at a point the test controls.
/// </summary>
internal sealed class CountingClock(Action? onFirstWait = null) : TimeProvider
{
    private readonly List<TimeSpan> waits = [];

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (waits)
            {
                return [.. waits];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        bool first;
        lock (waits)
        {
            waits.Add(dueTime);
            first = waits.Count == 1;
        }
        if (first)
        {
            onFirstWait?.Invoke();
        }
        return System.CreateTimer(callback, state, dueTime, period);
    }
}
