using System.Globalization;

namespace RepairDispatch.Benchmarks.Soak;

/// <summary>One answer: what was asked, how long it took, its status (0 when no answer came), and whether it was the expected one.</summary>
public readonly record struct Answered(string Kind, double Ms, int Status, bool Ok);

/// <summary>
/// Every answer of the run, kept whole for the final percentiles and cut into intervals for the progress lines
/// (throughput, latency and memory over time).
/// </summary>
public sealed class SoakRecorder
{
    private readonly Lock _gate = new();
    private readonly List<Answered> _all = new(100_000);
    private int _intervalStart;
    private string? _firstError;

    public string? FirstError { get { lock (_gate) return _firstError; } }

    public void Add(Answered answer, string? error)
    {
        lock (_gate)
        {
            _all.Add(answer);
            if (!answer.Ok) _firstError ??= error;
        }
    }

    /// <summary>The answers since the previous call.</summary>
    public List<Answered> TakeInterval()
    {
        lock (_gate)
        {
            var interval = _all.GetRange(_intervalStart, _all.Count - _intervalStart);
            _intervalStart = _all.Count;
            return interval;
        }
    }

    public List<Answered> All() { lock (_gate) return [.. _all]; }

    /// <summary>The p-th percentile (nearest rank) of the latencies in milliseconds; 0 for none.</summary>
    public static double Percentile(IReadOnlyCollection<Answered> answers, double p)
    {
        if (answers.Count == 0) return 0;
        var sorted = answers.Select(a => a.Ms).Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
