using System.Globalization;

namespace RepairDispatch.Benchmarks.Soak;

/// <summary>
/// `soak --urls URL[,URL] --db PATH --admin-password PW --gateway-port PORT [--seconds 600] [--orders-per-second 4]
/// [--desks 4] [--technicians 20] [--finance 2] [--retry-share 0.05] [--sample-seconds 30] [--pids PID[,PID]]`:
/// the steady mixed load of <see cref="SoakFlows"/> against one or more nodes on one database, a progress line per
/// interval (throughput, latency, errors, each node's memory), a summary per request kind, the memory verdict, and
/// the database checks of <see cref="SoakChecks"/>. Exit 0 when every check passed, 1 otherwise.
/// </summary>
public static class SoakCommand
{
    private const int MinimumSecondsForMemoryVerdict = 300;

    public static async Task<int> RunAsync(Options options)
    {
        var urls = options.Required("urls").Split(',').Select(u => ApiClient.LoopbackUrl(u, "urls")).ToList();
        var seconds = options.Int("seconds", 600);
        // Access tokens live 30 minutes and the soak does not refresh them.
        if (seconds is < 10 or > 1500) throw new ArgumentException("--seconds is between 10 and 1500.");
        var pids = options.Ints("pids");
        var sampleEvery = TimeSpan.FromSeconds(options.Int("sample-seconds", 30));

        await using var gateway = await SmsGateway.StartAsync(options.Int("gateway-port", 0));
        using var handler = ApiClient.Handler();
        var nodes = urls.Select(u => new HttpClient(handler, disposeHandler: false) { BaseAddress = u, Timeout = TimeSpan.FromSeconds(30) }).ToList();
        var station = await SoakStation.CreateAsync(nodes[0], options.Required("admin-password"), options.Int("technicians", 20));
        Console.WriteLine($"== soak: {seconds} s on {urls.Count} node(s), store {station.StoreId}, {station.Technicians.Count} technicians");

        var recorder = new SoakRecorder();
        var ledger = new SoakLedger();
        var started = DateTime.UtcNow;
        var flows = new SoakFlows(new SoakHttp(nodes, recorder), station, ledger, started.AddSeconds(seconds),
            options.Double("orders-per-second", 4), options.Double("retry-share", 0.05));
        var load = flows.RunAsync(options.Int("desks", 4), options.Int("finance", 2));
        var memory = new List<(double At, long[] RssKb)>();
        Console.WriteLine("   at |   req/s |  p50 ms |  p99 ms | errors |  5xx | orders made/closed | RSS MB per node");
        while (!load.IsCompleted)
        {
            await Task.WhenAny(load, Task.Delay(sampleEvery));
            var at = (DateTime.UtcNow - started).TotalSeconds;
            var interval = recorder.TakeInterval();
            var rss = pids.Select(Rss).ToArray();
            memory.Add((at, rss));
            Console.WriteLine(Inv($"{at,5:0} | {interval.Count / sampleEvery.TotalSeconds,7:0.0} | {SoakRecorder.Percentile(interval, 50),7:0.0} | {SoakRecorder.Percentile(interval, 99),7:0.0} | {interval.Count(a => !a.Ok),6} | {interval.Count(a => a.Status >= 500),4} | {ledger.Created.Count,8}/{ledger.Closed.Count,-9} | {string.Join(", ", rss.Select(k => k / 1024))}"));
        }
        await load;
        var elapsed = (DateTime.UtcNow - started).TotalSeconds;

        var all = recorder.All();
        PrintKinds(all, elapsed);
        var errors = all.Count(a => !a.Ok);
        var serverErrors = all.Count(a => a.Status >= 500);
        Report.Header();
        Report.Row("requests", Report.N(all.Count));
        Report.Row("throughput", Inv($"{all.Count / elapsed:0.0} req/s"));
        Report.Row("latency p50", Inv($"{SoakRecorder.Percentile(all, 50):0.0} ms"));
        Report.Row("latency p99", Inv($"{SoakRecorder.Percentile(all, 99):0.0} ms"));
        Report.Row("error rate", Inv($"{100.0 * errors / Math.Max(1, all.Count):0.000} %"));
        Report.Row("orders made / completed / closed", $"{ledger.Created.Count:N0} / {ledger.Completed.Count:N0} / {ledger.Closed.Count:N0}");
        Console.WriteLine();
        if (recorder.FirstError is { } first) Console.WriteLine("first error: " + first);

        var ok = Report.Check($"zero 5xx ({serverErrors})", serverErrors == 0);
        ok &= Report.Check($"zero unexpected answers ({errors})", errors == 0);
        ok &= MemoryVerdict(memory, seconds, pids.Length);
        ok &= await SoakChecks.RunAsync(options.Required("db"), station, ledger, gateway, TimeSpan.FromSeconds(options.Int("drain-seconds", 150)));
        Console.WriteLine(ok ? "RESULT: PASS" : "RESULT: FAIL");
        return ok ? 0 : 1;
    }

    private static void PrintKinds(List<Answered> all, double elapsed)
    {
        Console.WriteLine();
        Console.WriteLine("| request                          |   count |  req/s |  p50 ms |  p99 ms | errors |");
        Console.WriteLine("|----------------------------------|---------|--------|---------|---------|--------|");
        foreach (var kind in all.GroupBy(a => a.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var answers = kind.ToList();
            Console.WriteLine(Inv($"| {kind.Key,-32} | {answers.Count,7} | {answers.Count / elapsed,6:0.0} | {SoakRecorder.Percentile(answers, 50),7:0.0} | {SoakRecorder.Percentile(answers, 99),7:0.0} | {answers.Count(a => !a.Ok),6} |"));
        }
        Console.WriteLine();
    }

    /// <summary>
    /// Flat memory: after a warm-up of a fifth of the run, each node's resident memory in the last quarter of the run
    /// stays within 10 % (and at least 16 MB) of its highest value in the first half after warm-up. A run shorter than
    /// 5 minutes only reports memory.
    /// </summary>
    private static bool MemoryVerdict(List<(double At, long[] RssKb)> samples, int seconds, int nodes)
    {
        if (nodes == 0 || seconds < MinimumSecondsForMemoryVerdict)
        {
            Console.WriteLine($"memory: not judged (needs --pids and a run of at least {MinimumSecondsForMemoryVerdict} s)");
            return true;
        }
        var ok = true;
        for (var n = 0; n < nodes; n++)
        {
            var settled = samples.Where(s => s.At >= seconds * 0.2 && s.At <= seconds * 0.6).Select(s => s.RssKb[n]).DefaultIfEmpty().Max();
            var late = samples.Where(s => s.At >= seconds * 0.75).Select(s => s.RssKb[n]).DefaultIfEmpty().Max();
            var allowed = settled + Math.Max(settled / 10, 16 * 1024);
            ok &= Report.Check(Inv($"node {n + 1} memory flat after warm-up: {settled / 1024} MB settled, {late / 1024} MB in the last quarter (allowed {allowed / 1024} MB)"),
                settled > 0 && late <= allowed);
        }
        return ok;
    }

    /// <summary>Resident memory of a process in KiB (Linux /proc); 0 when unknown.</summary>
    private static long Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
