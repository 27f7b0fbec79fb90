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

    public double Fraction
    {
        get
        {
            var byTime = limit <= TimeSpan.Zero ? 1 : Math.Min(1, _watch.Elapsed / limit);
            return iterations is { } n ? Math.Min(1, (double)_steps / Math.Max(1, n)) : byTime;
        }
    }

    public bool Reached(double fraction)
    {
        _steps++;
        return ct.IsCancellationRequested || Fraction >= fraction || (iterations is not null && _watch.Elapsed >= limit);
    }

    public void Report(string phase, double bestCost, bool now = false)
    {
        if (progress is null || (!now && _watch.Elapsed - _lastReport < ReportEvery)) return;
        _lastReport = _watch.Elapsed;
        progress.Report(new PlanProgress(Fraction, phase, bestCost));
    }
}
