using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Dapper;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// photos-run: on a database seeded by mobile-seed (one assigned job per technician), with the service running on it:
///  1. one login per technician (as mobile-run);
///  2. every technician at once uploads --per-technician (4) different photos of --images, one after another, to his
///     job through POST /api/v1/mobile/jobs/{id}/photos (multipart, streamed from the file, an Idempotency-Key each, as
///     the phone sends them), while the service's VmRSS is sampled every 100 ms;
///  3. copies the same files with `cp` into a scratch folder, for the ratio of the two wall times;
///  4. prints photos/s, MB/s, p50/p99, the service's peak memory, and PASS/FAIL against the goal: peak ≤ 400 MB, and flat
///     (the second half of the upload peaks no more than 10 % above the first: nothing grows with the bytes sent).
/// Exit code: 0 goal met, 1 missed, 2 errors (a failed upload, bad arguments).
/// </summary>
public static class PhotosBench
{
    private const int MemoryGoalMb = 400;
    private static readonly string[] Kinds = ["Nameplate", "FailedPart", "SiteBefore", "SiteAfter"];

    public static async Task<int> RunAsync(Options options)
    {
        var db = options.Required("db");
        var url = ApiClient.LoopbackUrl(options, "url");
        var images = Directory.GetFiles(options.Required("images"), "photo-*.jpg").Order(StringComparer.Ordinal).ToArray();
        var pid = options.Int("pid", 0);
        var perTechnician = options.Int("per-technician", 4);
        var seeded = await SeededDay.LoadAsync(Options.ConnectionString(db));
        var jobs = await JobsAsync(db);
        if (seeded.Technicians.Count * perTechnician > images.Length)
            throw new ArgumentException($"photos-run: {seeded.Technicians.Count} technicians × {perTechnician} photos need as many files in --images; there are {images.Length}.");

        using var handler = ApiClient.Handler();
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
        var tokens = await MobileBench.LogInAsync(http, handler, url, options.Required("admin-password"), seeded.Technicians);
        var files = images.Take(seeded.Technicians.Count * perTechnician).ToArray();
        var bytes = files.Sum(f => new FileInfo(f).Length);
        Console.WriteLine(Inv($"== upload: {seeded.Technicians.Count} technicians at once, {perTechnician} photos each, {files.Length} files, {bytes / 1048576.0:0} MB"));

        var cpu = new CpuMeter(pid > 0 ? [pid] : []);
        using var memory = new MemorySampler(pid);
        var cpuBefore = cpu.Sample();
        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentBag<string>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, seeded.Technicians.Count),
            new ParallelOptions { MaxDegreeOfParallelism = seeded.Technicians.Count }, async (i, _) =>
            {
                using var client = ApiClient.Authenticated(handler, url, tokens[i]);
                client.Timeout = TimeSpan.FromMinutes(5);
                for (var k = 0; k < perTechnician; k++)
                {
                    var started = Stopwatch.GetTimestamp();
                    var status = await UploadAsync(client, jobs[seeded.Technicians[i].Id], files[i * perTechnician + k], Kinds[k % Kinds.Length]);
                    if (status == HttpStatusCode.Created) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    else failures.Add($"technician {i} photo {k}: {(int)status}");
                }
            });
        var uploadSeconds = watch.Elapsed.TotalSeconds;
        var otherCpu = cpu.OtherPercentSince(cpuBefore);
        memory.Stop();
        var copySeconds = Copy(files, options.Required("scratch"));

        var sorted = latencies.Order().ToArray();
        double P(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        var (firstHalf, secondHalf) = memory.HalvesPeakMb();
        var peak = memory.PeakHwmMb();
        Console.WriteLine();
        Report.Header();
        Report.Row("photos uploaded (201)", Report.N(sorted.Length));
        Report.Row("failed uploads", Report.N(failures.Count));
        Report.Row("bytes uploaded", Inv($"{bytes / 1048576.0:0} MB"));
        Report.Row("upload wall time", Inv($"{uploadSeconds:0.0} s"));
        Report.Row("photos/s", Inv($"{sorted.Length / uploadSeconds:0.0}"));
        Report.Row("MB/s", Inv($"{bytes / 1048576.0 / uploadSeconds:0.0}"));
        Report.Row("latency p50", Inv($"{P(50) / 1000:0.00} s"));
        Report.Row("latency p99", Inv($"{P(99) / 1000:0.00} s"));
        Report.Row("cp of the same files", Inv($"{copySeconds:0.00} s"));
        Report.Row("upload time ÷ cp time", Inv($"{uploadSeconds / copySeconds:0.0}×"));
        Report.Row("service VmRSS before the upload", Inv($"{memory.FirstMb:0} MB"));
        Report.Row("service VmRSS peak, 1st half of the upload", Inv($"{firstHalf:0} MB"));
        Report.Row("service VmRSS peak, 2nd half of the upload", Inv($"{secondHalf:0} MB"));
        Report.Row("service VmHWM (peak of its life)", Inv($"{peak:0} MB"));
        Report.Row("service threads, most at once", Report.N(memory.PeakThreads));
        Report.Row("other processes' CPU meanwhile", otherCpu is { } o ? Inv($"{o:0} %") : "unknown");
        Console.WriteLine();
        if (!failures.IsEmpty) Console.WriteLine($"first failure: {failures.First()}");
        var ok = Report.Check(Inv($"service peak memory (VmHWM) {peak:0} MB <= {MemoryGoalMb} MB"), pid > 0 && peak > 0 && peak <= MemoryGoalMb);
        ok &= Report.Check(Inv($"memory flat: 2nd half peak {secondHalf:0} MB <= 1st half peak {firstHalf:0} MB + 10 %"), secondHalf <= firstHalf * 1.1);
        Console.WriteLine(Inv($"verdict: {(ok ? "GOAL MET" : "GOAL MISSED")} — {sorted.Length / uploadSeconds:0.0} photos/s, p99 {P(99) / 1000:0.00} s, peak {peak:0} MB (goal <= {MemoryGoalMb} MB, flat), {uploadSeconds / copySeconds:0.0}× the time of cp"));
        if (!failures.IsEmpty) return 2;
        return ok ? 0 : 1;
    }

    private static async Task<HttpStatusCode> UploadAsync(HttpClient client, string job, string path, string kind)
    {
        await using var file = File.OpenRead(path);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(kind), "kind");
        var content = new StreamContent(file, 81920);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(content, "file", Path.GetFileName(path));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/mobile/jobs/{job}/photos") { Content = form };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The plain file copy of the same bytes: `cp` of the files into an empty folder, removed afterwards.</summary>
    private static double Copy(string[] files, string scratch)
    {
        Directory.CreateDirectory(scratch);
        var start = new ProcessStartInfo("cp") { UseShellExecute = false };
        foreach (var f in files) start.ArgumentList.Add(f);
        start.ArgumentList.Add(scratch);
        var watch = Stopwatch.StartNew();
        using (var cp = Process.Start(start)!)
        {
            cp.WaitForExit();
            if (cp.ExitCode != 0) throw new InvalidOperationException($"cp exited with {cp.ExitCode}");
        }
        var seconds = watch.Elapsed.TotalSeconds;
        Directory.Delete(scratch, recursive: true);
        return seconds;
    }

    /// <summary>Each seeded technician's one assigned job.</summary>
    private static async Task<Dictionary<string, string>> JobsAsync(string db)
    {
        await using var c = new SqliteConnection(Options.ConnectionString(db));
        var rows = await c.QueryAsync<(string Technician, string Job)>(
            "SELECT technician_id, MIN(id) FROM work_orders WHERE status = 'Assigned' AND technician_id IS NOT NULL GROUP BY technician_id");
        return rows.ToDictionary(r => r.Technician, r => r.Job);
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The service's VmRSS every 100 ms (Linux /proc) on a thread of its own, and its VmHWM at the end.</summary>
public sealed class MemorySampler : IDisposable
{
    private readonly int _pid;
    private readonly List<long> _rssKb = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public MemorySampler(int pid)
    {
        _pid = pid;
        _thread = new Thread(() =>
        {
            while (!_stop.IsCancellationRequested)
            {
                if (Read("VmRSS:") is { } rss) lock (_rssKb) _rssKb.Add(rss);
                if (Read("Threads:") is { } threads && threads > PeakThreads) PeakThreads = threads;
                _stop.Token.WaitHandle.WaitOne(100);
            }
        }) { IsBackground = true };
        _thread.Start();
    }

    public long PeakThreads { get; private set; }

    public double FirstMb { get { lock (_rssKb) return _rssKb.Count == 0 ? 0 : _rssKb[0] / 1024.0; } }

    public (double FirstHalf, double SecondHalf) HalvesPeakMb()
    {
        lock (_rssKb)
        {
            if (_rssKb.Count < 2) return (0, 0);
            var half = _rssKb.Count / 2;
            return (_rssKb.Take(half).Max() / 1024.0, _rssKb.Skip(half).Max() / 1024.0);
        }
    }

    public double PeakHwmMb() => (Read("VmHWM:") ?? 0) / 1024.0;

    public void Stop()
    {
        _stop.Cancel();
        _thread.Join();
    }

    public void Dispose()
    {
        if (!_stop.IsCancellationRequested) Stop();
        _stop.Dispose();
    }

    private long? Read(string field)
    {
        if (_pid <= 0) return null;
        try
        {
            var line = File.ReadLines($"/proc/{_pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return null; }
    }
}
