using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RepairDispatch.Benchmarks;

/// <summary>Small helpers for bench/run.sh, so that the script needs nothing but the .NET SDK.</summary>
public static class Tools
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Console.WriteLine(((IPEndPoint)listener.LocalEndpoint).Port);
        return 0;
    }

    public static async Task<int> WaitReadyAsync(Options options)
    {
        var url = new Uri(new Uri(options.Required("url")), options.Optional("path") ?? "/health/ready");
        var deadline = Stopwatch.StartNew();
        var timeout = TimeSpan.FromSeconds(options.Int("timeout", 60));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (deadline.Elapsed < timeout)
        {
            try
            {
                using var response = await http.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK) return 0;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        await Console.Error.WriteLineAsync($"{url} did not answer 200 within {timeout.TotalSeconds:0} s");
        return 1;
    }
}

/// <summary>
/// How much CPU other processes took during a phase: the machine's busy time (/proc/stat) minus that of this process
/// and of the given ones (the service, the bare endpoint). Linux only; elsewhere it reports nothing.
/// </summary>
public sealed class CpuMeter(int[] pids)
{
    public bool Complete => pids.Length > 0;

    public readonly record struct Snapshot(long Busy, long Total, long Own);

    public Snapshot? Sample()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal
            var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
            var total = busy + fields[3] + fields[4];
            var own = pids.Append(Environment.ProcessId).Sum(ProcessTicks);
            return new Snapshot(busy, total, own);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public double? OtherPercentSince(Snapshot? before)
    {
        if (before is not { } b || Sample() is not { } a || a.Total == b.Total) return null;
        return Math.Max(0, (a.Busy - b.Busy - (a.Own - b.Own)) * 100.0 / (a.Total - b.Total));
    }

    /// <summary>CPU time (user + system) a process used so far, in clock ticks (1/100 s).</summary>
    internal static long ProcessTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // after "pid (comm) ": state is field 0, utime field 11, stime field 12
            return long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture)
                + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
    }
}
