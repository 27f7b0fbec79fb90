namespace RepairDispatch.Tests.Infrastructure;

/// <summary>
/// The service's clock in tests: it starts at a fixed instant and runs at real speed, so "today" is known (no test fails
/// around midnight in Shanghai or at a month end) while tokens still expire and events keep their order. The start is
/// early morning in Shanghai, when the UTC day is still the day before: a store day taken from the UTC day fails at once.
/// Timers are the system's (only the reading of the time is moved), so retries and timeouts behave as in production.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>Wednesday 2026-06-10 05:00 in Shanghai (2026-06-09 21:00 UTC): an ordinary working week, mid-month.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 9, 21, 0, 0, TimeSpan.Zero);

    private long _offsetTicks = (start - System.GetUtcNow()).Ticks;

    public TestClock() : this(Start) { }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Moves the clock to an instant (forward or back); it runs on from there.</summary>
    public void Set(DateTimeOffset now) => Advance(now - GetUtcNow());
}
