using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// settlement-run: on a database seeded by settlement-seed, with the service running on it:
///  1. storage baseline: one bare INSERT ... SELECT of the same charge rows (same joins and filter, no NOT EXISTS,
///     no indexes, no foreign keys) into a scratch table, one transaction, own connection; then the table is dropped;
///  2. settlement: POST /api/v1/settlements/runs for each manufacturer in turn (the wall time of all of them);
///  3. the service's peak memory (VmHWM of --service-pid);
///  4. CSV export of the largest run over HTTP to a file vs a plain StreamWriter writing the same rows from the same
///     query (Dapper, unbuffered), best of --export-rounds each.
/// Exit code: 0 every goal met, 1 a goal missed, 2 errors.
/// </summary>
public static class SettlementBench
{
    private const double SettlementGoal = 3.0;
    private const double MemoryGoalMb = 300;
    private const double ExportGoal = 2.0;

    // The SELECT of the service's own statement (src/RepairDispatch.Api/Settlements/CreateRun.cs CollectManufacturerSql),
    // for the query plan only.
    private const string CollectSql = """
        SELECT ch.id, wo.store_id
        FROM appliances a CROSS JOIN work_orders wo CROSS JOIN work_order_charges ch
        WHERE a.manufacturer_id = @ManufacturerId AND wo.appliance_id = a.id AND ch.work_order_id = wo.id
          AND ch.party = 'Manufacturer' AND wo.completed_period <= @Period
          AND NOT EXISTS (SELECT 1 FROM settlement_lines l WHERE l.id = ch.id)
          AND (EXISTS (SELECT 1 FROM claim_runs cr WHERE cr.work_order_id = wo.id)
               OR NOT EXISTS (SELECT 1 FROM work_order_claims cl WHERE cl.work_order_id = wo.id AND cl.state <> 'Claimed'))
        """;

    private const string BaselineSql = """
        INSERT INTO scratch_lines (id, run_id, work_order_id, store_id, charge_id, kind, description, amount_fen, disputed, created_at)
        SELECT ch.id, 'scratch', ch.work_order_id, wo.store_id, ch.id, ch.kind, ch.description, ch.amount_fen, 0, @Now
        FROM work_order_charges ch
        JOIN work_orders wo ON wo.id = ch.work_order_id
        JOIN appliances a ON a.id = wo.appliance_id
        WHERE ch.party = 'Manufacturer' AND wo.completed_period <= @Period
        """;

    // The export's query (src/RepairDispatch.Api/Settlements/ReadRuns.cs LinesSql).
    private const string LinesSql = """
        SELECT l.id AS Id, wo.number AS WorkOrderNumber, l.kind AS Kind, l.amount_fen AS AmountFen, l.description AS Description
        FROM settlement_lines l LEFT JOIN work_orders wo ON wo.id = l.work_order_id
        WHERE l.run_id = @Id ORDER BY wo.number, l.created_at, l.id
        """;

    public static async Task<int> RunAsync(Options options)
    {
        var path = options.Required("db");
        var url = ApiClient.LoopbackUrl(options, "url");
        var password = options.Required("admin-password");
        var pid = options.Int("service-pid", 0);
        var outDir = options.Optional("out") ?? Path.GetTempPath();
        var rounds = Math.Max(1, options.Int("export-rounds", 2));
        var cs = Options.ConnectionString(path);

        string period;
        List<(string Id, string Name)> makers;
        long charges;
        await using (var c = new SqliteConnection(cs))
        {
            await c.OpenAsync();
            period = await c.ExecuteScalarAsync<string?>("SELECT MAX(completed_period) FROM work_orders")
                ?? throw new ArgumentException("settlement-run: no completed orders: run settlement-seed first.");
            makers = (await c.QueryAsync<(string, string)>("SELECT id, name FROM manufacturers WHERE name LIKE 'Settle Maker %' ORDER BY name")).ToList();
            charges = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_order_charges WHERE party = 'Manufacturer'");
            Console.WriteLine($"period {period}: {charges:N0} manufacturer charges, {makers.Count} manufacturers");
            foreach (var p in await c.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + CollectSql, new { ManufacturerId = makers[0].Id, Period = period }))
                Console.WriteLine("   collect plan: " + p.Detail);
        }
        var memStart = Memory(pid);

        // 1. Storage baseline.
        Console.WriteLine("== baseline: bare INSERT ... SELECT into scratch_lines");
        TimeSpan baseline;
        double baselineCpu;
        long baselineRows;
        await using (var c = new SqliteConnection(cs))
        {
            await c.OpenAsync();
            await c.ExecuteAsync("""
                DROP TABLE IF EXISTS scratch_lines;
                CREATE TABLE scratch_lines (id TEXT, run_id TEXT, work_order_id TEXT, store_id TEXT, charge_id TEXT, kind TEXT, description TEXT,
                    amount_fen INTEGER, disputed INTEGER, created_at TEXT);
                """);
            var watch = Stopwatch.StartNew();
            var ticks = CpuMeter.ProcessTicks(Environment.ProcessId);
            await using (var tx = c.BeginTransaction())
            {
                baselineRows = await c.ExecuteAsync(BaselineSql, new { Period = period, Now = DateTimeOffset.UtcNow }, tx, commandTimeout: 1800);
                tx.Commit();
            }
            baseline = watch.Elapsed;
            baselineCpu = (CpuMeter.ProcessTicks(Environment.ProcessId) - ticks) / 100.0;
            await c.ExecuteAsync("DROP TABLE scratch_lines; PRAGMA wal_checkpoint(TRUNCATE);", commandTimeout: 600);
        }
        Console.WriteLine($"   {baselineRows:N0} rows in {baseline.TotalSeconds:0.00} s");

        // 2. Settlement over HTTP: the chain's month in one request (--chain-wide yes, bench/chain.sh), else a run per manufacturer.
        var chainWide = options.Optional("chain-wide") == "yes";
        Console.WriteLine(chainWide ? "== settlement: POST /api/v1/settlements/runs/month (the chain's month at once)" : "== settlement: POST /api/v1/settlements/runs per manufacturer");
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiClient.LoginAsync(http, "admin", password));
        var runs = new List<(string Name, Guid Id, long Lines, decimal Total, TimeSpan Took)>();
        var json = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        var all = Stopwatch.StartNew();
        var serviceTicks = CpuMeter.ProcessTicks(pid);
        if (chainWide)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/settlements/runs/month", new { period });
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await Console.Error.WriteLineAsync($"POST month answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 400)]}");
                return 2;
            }
            var names = makers.ToDictionary(m => Guid.Parse(m.Id), m => m.Name);
            foreach (var run in System.Text.Json.JsonSerializer.Deserialize<MonthBody>(body, json)!.Created)
                runs.Add((names.GetValueOrDefault(run.ManufacturerId ?? Guid.Empty, "?"), run.Id, run.LineCount, run.Total, all.Elapsed));
            Console.WriteLine($"   {runs.Count} runs, {runs.Sum(r => r.Lines):N0} lines, {runs.Sum(r => r.Total):N2} yuan, {all.Elapsed.TotalSeconds:0.00} s");
        }
        else
            foreach (var (id, name) in makers)
            {
                var one = Stopwatch.StartNew();
                using var response = await http.PostAsJsonAsync("/api/v1/settlements/runs", new { manufacturerId = id, period });
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    await Console.Error.WriteLineAsync($"POST run for {name} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 400)]}");
                    return 2;
                }
                var run = System.Text.Json.JsonSerializer.Deserialize<RunBody>(body, json)!;
                runs.Add((name, run.Id, run.LineCount, run.Total, one.Elapsed));
                Console.WriteLine($"   {name}: {run.LineCount,9:N0} lines, {run.Total,14:N2} yuan, {one.Elapsed.TotalSeconds,7:0.00} s");
            }
        var settlement = all.Elapsed;
        var settlementCpu = (CpuMeter.ProcessTicks(pid) - serviceTicks) / 100.0;
        var memRuns = Memory(pid);
        var settled = runs.Sum(r => r.Lines);

        // 3. Export of the largest run.
        var largest = runs.MaxBy(r => r.Lines);
        Console.WriteLine($"== export: run of {largest.Name} ({largest.Lines:N0} lines), best of {rounds}");
        var apiFile = Path.Combine(outDir, "settlement-api.csv");
        var plainFile = Path.Combine(outDir, "settlement-plain.csv");
        TimeSpan apiExport = TimeSpan.MaxValue, plainExport = TimeSpan.MaxValue;
        long apiBytes = 0, plainBytes = 0, plainRows = 0;
        for (var r = 0; r < rounds; r++)
        {
            var watch = Stopwatch.StartNew();
            (plainBytes, plainRows) = await PlainCsvAsync(cs, largest.Id, plainFile);
            var plain = watch.Elapsed;
            watch.Restart();
            apiBytes = await ApiCsvAsync(http, largest.Id, apiFile);
            var api = watch.Elapsed;
            Console.WriteLine($"   round {r + 1}: API {api.TotalSeconds:0.00} s ({apiBytes:N0} bytes), plain StreamWriter {plain.TotalSeconds:0.00} s ({plainBytes:N0} bytes, {plainRows:N0} rows)");
            if (api < apiExport) apiExport = api;
            if (plain < plainExport) plainExport = plain;
        }
        var memExport = Memory(pid);

        // 4. Results.
        var settleRatio = settlement / baseline;
        var exportRatio = apiExport / plainExport;
        var peakMb = memExport.HwmKb / 1024.0;
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Report.Header();
        Report.Row("manufacturer charges in the period", $"{charges:N0}");
        Report.Row("baseline INSERT ... SELECT (1 tx, scratch)", $"{baseline.TotalSeconds:0.00} s");
        Report.Row($"settlement, {runs.Count} runs {(chainWide ? "in one request" : "sequential")}, {settled:N0} lines", $"{settlement.TotalSeconds:0.00} s");
        Report.Row("settlement / baseline (goal <= 3)", $"{settleRatio:0.00}x");
        // CPU seconds, for reference: on a shared machine they move less than wall time (the bench's and the service's own).
        Report.Row("baseline CPU (this process)", $"{baselineCpu:0.00} s");
        Report.Row("settlement CPU (the service)", pid > 0 ? $"{settlementCpu:0.00} s" : "unknown");
        Report.Row("settlement CPU / baseline CPU", pid > 0 && baselineCpu > 0 ? $"{settlementCpu / baselineCpu:0.00}x" : "unknown");
        Report.Row("service VmHWM before runs", $"{memStart.HwmKb / 1024.0:0} MB");
        Report.Row("service VmHWM after runs (goal <= 300 MB)", $"{memRuns.HwmKb / 1024.0:0} MB");
        Report.Row("service VmRSS after runs", $"{memRuns.RssKb / 1024.0:0} MB");
        Report.Row($"CSV export via API ({largest.Lines:N0} lines)", $"{apiExport.TotalSeconds:0.00} s");
        Report.Row("plain StreamWriter, same rows", $"{plainExport.TotalSeconds:0.00} s");
        Report.Row("export / plain (goal <= 2)", $"{exportRatio:0.00}x");
        Report.Row("service VmHWM after export (goal <= 300 MB)", $"{peakMb:0} MB");
        Console.WriteLine();

        var ok = true;
        ok &= Report.Check($"settlement {settlement.TotalSeconds:0.00} s / baseline {baseline.TotalSeconds:0.00} s = {settleRatio:0.00}x <= {SettlementGoal}x", settleRatio <= SettlementGoal);
        ok &= Report.Check($"service peak memory (VmHWM) {peakMb:0} MB <= {MemoryGoalMb} MB", pid > 0 && peakMb <= MemoryGoalMb);
        ok &= Report.Check($"CSV export {apiExport.TotalSeconds:0.00} s / plain {plainExport.TotalSeconds:0.00} s = {exportRatio:0.00}x <= {ExportGoal}x", exportRatio <= ExportGoal);
        if (settled != baselineRows) Console.WriteLine($"WARN settled lines {settled:N0} differ from baseline rows {baselineRows:N0}");
        await using (var c = new SqliteConnection(cs))
        {
            await c.OpenAsync();
            // Claimed as the service sees it: the claim row says so, or the run's claim_runs row does (not folded yet).
            var unclaimed = await c.ExecuteScalarAsync<long>("""
                SELECT COUNT(*) FROM work_order_claims c
                WHERE c.state <> 'Claimed' AND NOT EXISTS (SELECT 1 FROM claim_runs cr WHERE cr.work_order_id = c.work_order_id)
                """);
            var claims = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM work_order_claims");
            Console.WriteLine($"claims: {claims:N0}, of them not Claimed by a run: {unclaimed:N0}");
            if (unclaimed > 0) ok = false;
        }
        return ok ? 0 : 1;
    }

    private static async Task<(long Bytes, long Rows)> PlainCsvAsync(string cs, Guid runId, string file)
    {
        await using var c = new SqliteConnection(cs);
        await c.OpenAsync();
        await using var tx = c.BeginTransaction(deferred: true);
        long rows = 0;
        await using (var writer = new StreamWriter(file, false, new UTF8Encoding(true), 16 * 1024))
        {
            await writer.WriteLineAsync("id,number,kind,description,amount");
            await foreach (var l in c.QueryUnbufferedAsync<LineRow>(LinesSql, new { Id = runId.ToString() }, tx))
            {
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{l.Id},{l.WorkOrderNumber},{l.Kind},\"{l.Description}\",{l.AmountFen / 100m:0.00}"));
                rows++;
            }
        }
        tx.Commit();
        return (new FileInfo(file).Length, rows);
    }

    private static async Task<long> ApiCsvAsync(HttpClient http, Guid runId, string file)
    {
        using var response = await http.GetAsync($"/api/v1/settlements/runs/{runId}/export?format=csv", HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new HttpRequestException($"export answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var output = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        await body.CopyToAsync(output);
        return output.Length;
    }

    /// <summary>VmHWM and VmRSS of a process in kB (Linux /proc); zeros when unknown.</summary>
    internal static (long HwmKb, long RssKb) Memory(int pid)
    {
        if (pid <= 0) return (0, 0);
        try
        {
            long hwm = 0, rss = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kb(line);
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line);
            }
            return (hwm, rss);
        }
        catch (IOException) { return (0, 0); }

        static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private sealed record RunBody(Guid Id, long LineCount, decimal Total, Guid? ManufacturerId = null);

    private sealed record MonthBody(List<RunBody> Created);

    private sealed class LineRow
    {
        public string Id { get; init; } = "";
        public string? WorkOrderNumber { get; init; }
        public string Kind { get; init; } = "";
        public long AmountFen { get; init; }
        public string Description { get; init; } = "";
    }
}
