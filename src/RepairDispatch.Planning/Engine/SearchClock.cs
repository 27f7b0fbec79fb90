using System.Diagnostics;

namespace RepairDispatch.Planning.Engine;

/// <summary>The solve's time budget, its cancellation, and throttled progress reports.</summary>
internal sealed class SearchClock(TimeSpan limit, IProgress<PlanProgress>? progress, CancellationToken ct)
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(250);
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan _lastReport = TimeSpan.MinValue;

    public double Fraction => limit <= TimeSpan.Zero ? 1 : Math.Min(1, _watch.Elapsed / limit);

    public bool Reached(double fraction) => ct.IsCancellationRequested || Fraction >= fraction;

    public void Report(string phase, double bestCost, bool now = false)
    {
        if (progress is null || (!now && _watch.Elapsed - _lastReport < ReportEvery)) return;
        _lastReport = _watch.Elapsed;
        progress.Report(new PlanProgress(Fraction, phase, bestCost));
    }
}
