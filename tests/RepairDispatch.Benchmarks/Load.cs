using System.Diagnostics;
using System.Globalization;

namespace RepairDispatch.Benchmarks;

/// <summary>The outcome of one measured phase.</summary>
public sealed class PhaseResult(string name, double seconds, long ok, long errors, List<double> latenciesMs, string? firstError, bool capped = false)
{
    public bool Capped { get; } = capped;
    public string Name { get; } = name;
    public double Seconds { get; } = seconds;
    public long Ok { get; } = ok;
    public long Errors { get; } = errors;
    public string? FirstError { get; } = firstError;
    public double Rps => Ok / Seconds;
    private readonly double[] _sorted = [.. latenciesMs.Order()];

    /// <summary>Slices of one phase taken in turns, as one result.</summary>
    public static PhaseResult Merge(string name, IReadOnlyList<PhaseResult> slices)
    {
        var merged = new PhaseResult(name, slices.Sum(r => r.Seconds), slices.Sum(r => r.Ok), slices.Sum(r => r.Errors),
            slices.SelectMany(r => r._sorted).ToList(), slices.Select(r => r.FirstError).FirstOrDefault(e => e is not null), slices.Any(r => r.Capped));
        var others = slices.Where(r => r.OtherCpuPercent is not null).ToList();
        merged.OtherCpuPercent = others.Count == 0 ? null : others.Sum(r => r.OtherCpuPercent!.Value * r.Seconds) / others.Sum(r => r.Seconds);
        return merged;
    }

    public double Percentile(double p)
    {
        if (_sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * _sorted.Length) - 1;
        return _sorted[Math.Clamp(rank, 0, _sorted.Length - 1)];
    }

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    /// <summary>Share of the machine's CPU that processes other than the benchmark's used meanwhile (noise), when known.</summary>
    public double? OtherCpuPercent { get; set; }

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-46} {Ok,9} {Rps,9:0} {Percentile(50),8:0.00} {Percentile(99),8:0.00} {Errors,7} {(OtherCpuPercent is { } o ? o.ToString("0", CultureInfo.InvariantCulture) + "%" : ""),9}");

    public const string Header = "phase                                           completed       rps   p50 ms   p99 ms  errors  other CPU";
}

/// <summary>An operation under test: true when it did what it should (e.g. 200 with a body).</summary>
public delegate Task<bool> Operation(Random random);

public static class Load
{
    private static readonly double TicksPerMs = Stopwatch.Frequency / 1000.0;

    /// <summary>
    /// Closed loop: <paramref name="concurrency"/> workers run the operation back to back. Completions during the
    /// measuring window (after the warm-up) count; their latencies are kept. After <paramref name="maxOperations"/>
    /// operations (warm-up included) no new one starts and the window ends when the last one finishes.
    /// </summary>
    public static async Task<PhaseResult> ClosedLoopAsync(string name, int concurrency, TimeSpan warmup, TimeSpan measure, Operation op,
        long maxOperations = long.MaxValue)
    {
        long started = 0, lastEnd = 0;
        var start = Stopwatch.GetTimestamp();
        var from = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var to = from + (long)(measure.TotalSeconds * Stopwatch.Frequency);
        long ok = 0, errors = 0;
        string? firstError = null;
        var perWorker = new List<double>[concurrency];
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var random = new Random(w * 7919 + 1);
            var latencies = perWorker[w] = new List<double>(1 << 14);
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= to || Interlocked.Increment(ref started) > maxOperations) break;
                bool success;
                string? error = null;
                try { success = await op(random); }
                catch (Exception e) { success = false; error = e.GetType().Name + ": " + e.Message; }
                var t1 = Stopwatch.GetTimestamp();
                if (t1 < from || t1 > to) continue;
                InterlockedMax(ref lastEnd, t1);
                if (success)
                {
                    Interlocked.Increment(ref ok);
                    latencies.Add((t1 - t0) / TicksPerMs);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error ?? "unexpected response", null);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var capped = Interlocked.Read(ref started) > maxOperations;
        var seconds = capped ? Math.Max(0, lastEnd - from) / (double)Stopwatch.Frequency : measure.TotalSeconds;
        return new PhaseResult(name, seconds, ok, errors, perWorker.SelectMany(l => l).ToList(), firstError, capped);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }

    /// <summary>
    /// Open loop: requests start on a fixed schedule (<paramref name="rps"/> per second) whether or not earlier ones
    /// finished, and latency is counted from the scheduled start, so a stalled server cannot hide its queueing
    /// (no coordinated omission). Requests of the warm-up seconds are not counted. Returns the overall result and one
    /// per kind.
    /// </summary>
    public static async Task<(PhaseResult All, PhaseResult[] PerKind)> OpenLoopAsync(string name, double rps, TimeSpan warmup, TimeSpan measure,
        (string Name, double Share, Operation Op)[] kinds)
    {
        var total = (int)((warmup + measure).TotalSeconds * rps);
        var skip = (int)(warmup.TotalSeconds * rps);
        var interval = Stopwatch.Frequency / rps;
        var random = new Random(4242);
        var kindOf = new int[total];
        for (var i = 0; i < total; i++)
        {
            var x = random.NextDouble();
            var k = 0;
            while (k < kinds.Length - 1 && x >= kinds[k].Share) { x -= kinds[k].Share; k++; }
            kindOf[i] = k;
        }
        var latency = new double[total];
        var success = new bool[total];
        string? firstError = null;
        var inFlight = new List<Task>(total);
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        for (var i = 0; i < total; i++)
        {
            var scheduled = start + (long)(i * interval);
            while (true)
            {
                var wait = (scheduled - Stopwatch.GetTimestamp()) / TicksPerMs;
                if (wait <= 0) break;
                if (wait > 2) await Task.Delay(TimeSpan.FromMilliseconds(wait - 1.5));
                else Thread.SpinWait(200);
            }
            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                bool okay;
                string? error = null;
                try { okay = await kinds[kindOf[index]].Op(Random.Shared); }
                catch (Exception e) { okay = false; error = e.GetType().Name + ": " + e.Message; }
                latency[index] = (Stopwatch.GetTimestamp() - scheduled) / TicksPerMs;
                success[index] = okay;
                if (!okay) Interlocked.CompareExchange(ref firstError, error ?? "unexpected response", null);
            }));
        }
        await Task.WhenAll(inFlight);

        PhaseResult Result(string label, Func<int, bool> include)
        {
            var indexes = Enumerable.Range(skip, total - skip).Where(include).ToList();
            return new PhaseResult(label, measure.TotalSeconds, indexes.Count(i => success[i]), indexes.Count(i => !success[i]),
                indexes.Where(i => success[i]).Select(i => latency[i]).ToList(), firstError);
        }

        var all = Result(name, _ => true);
        var perKind = kinds.Select((k, n) => Result("  " + k.Name, i => kindOf[i] == n)).ToArray();
        return (all, perKind);
    }
}
