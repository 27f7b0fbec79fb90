using System.Diagnostics;

namespace RepairDispatch.Planning.Engine;

/// <summary>
/// The solve's time budget (or an iteration budget: each <see cref="Reached"/> check is one step, and the time limit
/// only stops it), its cancellation, and throttled progress reports.
/// </summary>
internal sealed class SearchClock(TimeSpan limit, IProgress<PlanProgress>? progress, CancellationToken ct, long? iterations = null)
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(250);
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan _lastReport = TimeSpan.MinValue;
    private long _steps;
    private TimeSpan _elapsed;

    /// <summary>The share of the budget used, as of the last <see cref="Reached"/> check (the clock is read once a step).</summary>
    public double Fraction { get; private set; }

    public bool Cancelled => ct.IsCancellationRequested;

    public bool Reached(double fraction)
    {
        _steps++;
        var elapsed = _elapsed = _watch.Elapsed;
        Fraction = iterations is { } n ? Math.Min(1, (double)_steps / Math.Max(1, n))
            : limit <= TimeSpan.Zero ? 1 : Math.Min(1, elapsed / limit);
        return ct.IsCancellationRequested || Fraction >= fraction || (iterations is not null && elapsed >= limit);
    }

    public void Report(string phase, double bestCost, bool now = false)
    {
        if (progress is null || (!now && _elapsed - _lastReport < ReportEvery)) return;
        _lastReport = _watch.Elapsed;
        progress.Report(new PlanProgress(Fraction, phase, bestCost));
    }
}
