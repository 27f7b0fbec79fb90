using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// kpi-run (bench/kpis.sh): with the service running on a chain seeded by chain-seed and kpi-seed,
///  1. one store's month (`GET /reports/kpis?from=&to=&storeId=`, the last full month, a random chain store, as
///     headquarters) open loop at --rps (5) for --seconds (30) after --warmup (5): goal p99 ≤ 300 ms;
///  2. the chain's last 365 days grouped by store, --year-runs (5) times one after another: goal each ≤ 2 s;
///  3. the cost of the marking on writes: --rounds (4) × --per-round (25) orders created (`POST /work-orders`) and
///     completed on the phone (`POST /mobile/jobs/{id}/complete`, after assign/accept/depart/arrive, not timed), with
///     kpi_settings.aggregate (the row `RepairDispatch:Kpis:Aggregate` sets) on and off in alternate rounds; then the
///     drain of what the "on" rounds marked, timed through the report that runs it.
/// Exit code: 0 every goal met, 1 a goal missed, 2 errors.
/// </summary>
public static class KpiBench
{
    public const double MonthP99GoalMs = 300;
    public const double YearGoalMs = 2000;
    private const string Password = "kpi-bench-password-1";

    public static async Task<int> RunAsync(Options options)
    {
        var path = options.Required("db");
        var url = ApiClient.LoopbackUrl(options, "url");
        var rps = options.Double("rps", 5);
        var seconds = TimeSpan.FromSeconds(options.Double("seconds", 30));
        var warmup = TimeSpan.FromSeconds(options.Double("warmup", 5));
        var yearRuns = options.Int("year-runs", 5);
        var rounds = options.Int("rounds", 4);
        var perRound = options.Int("per-round", 25);
        var cs = Options.ConnectionString(path);

        string[] stores;
        long facts;
        await using (var c = new SqliteConnection(cs))
        {
            stores = (await c.QueryAsync<string>("SELECT id FROM stores WHERE code LIKE 'CHAIN%' ORDER BY code")).ToArray();
            facts = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kpi_order_facts");
        }
        if (stores.Length == 0 || facts == 0) throw new ArgumentException("kpi-run: run chain-seed and kpi-seed first.");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var monthEnd = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        var monthStart = new DateOnly(monthEnd.Year, monthEnd.Month, 1);
        var yearFrom = today.AddDays(-365);
        var yearTo = today.AddDays(-1);
        Console.WriteLine($"data: {stores.Length} chain stores, {facts:N0} fact rows; month {monthStart:yyyy-MM}, year {yearFrom:yyyy-MM-dd}..{yearTo:yyyy-MM-dd}");

        using var handler = ApiClient.Handler();
        using var anonymous = new HttpClient(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(120) };
        using var hq = ApiClient.Authenticated(handler, url, await ApiClient.LoginAsync(anonymous, "admin", options.Required("admin-password")));
        hq.Timeout = TimeSpan.FromSeconds(120);
        await OkAsync(hq, $"/api/v1/reports/kpis?from={yearTo:yyyy-MM-dd}&to={yearTo:yyyy-MM-dd}"); // drains what the service's start marked
        await StoreDaysAsync(hq, cs, yearTo);

        Operation month = async r => await OkAsync(hq, $"/api/v1/reports/kpis?from={monthStart:yyyy-MM-dd}&to={monthEnd:yyyy-MM-dd}&storeId={stores[r.Next(stores.Length)]}", true);
        await Load.ClosedLoopAsync("prewarm", 2, TimeSpan.Zero, TimeSpan.FromSeconds(3), month);
        var (monthResult, _) = await Load.OpenLoopAsync("month x store", rps, warmup, seconds, [("month x store", 1.0, month)]);
        Console.WriteLine(PhaseResult.Header);
        Console.WriteLine(monthResult.Row() + string.Create(CultureInfo.InvariantCulture, $"  max {monthResult.Max:0.0} ms"));
        if (monthResult.FirstError is not null) Console.WriteLine("   first error: " + monthResult.FirstError);

        var yearMs = new List<double>();
        for (var i = 0; i < yearRuns; i++)
        {
            var watch = Stopwatch.StartNew();
            var body = await OkAsync(hq, $"/api/v1/reports/kpis?from={yearFrom:yyyy-MM-dd}&to={yearTo:yyyy-MM-dd}&groupBy=store");
            yearMs.Add(watch.Elapsed.TotalMilliseconds);
            if (i == 0) Console.WriteLine($"year x chain by store: {JsonNode.Parse(body)!["groups"]!.AsArray().Count} groups");
        }
        Console.WriteLine("year x chain by store (ms): " + string.Join(", ", yearMs.Select(m => m.ToString("0", CultureInfo.InvariantCulture))));

        var writes = await WritesAsync(handler, url, hq, cs, stores[0], rounds, perRound);

        Console.WriteLine();
        var ok = true;
        ok &= Report.Check(string.Create(CultureInfo.InvariantCulture, $"month x store: p99 {monthResult.Percentile(99):0.0} ms <= {MonthP99GoalMs} ms at {rps:0}/s ({monthResult.Ok} requests)"),
            monthResult.Percentile(99) <= MonthP99GoalMs);
        ok &= Report.Check(string.Create(CultureInfo.InvariantCulture, $"year x chain grouped by store: slowest of {yearRuns} {yearMs.Max():0} ms <= {YearGoalMs} ms"), yearMs.Max() <= YearGoalMs);
        writes();
        if (monthResult.Errors > 0) { Console.WriteLine("ERROR failed requests"); return 2; }
        return ok ? 0 : 1;
    }

    /// <summary>
    /// Has the service build the tallies of the store-days kpi-seed queued (each report drains two rounds; the every-minute
    /// job helps), and says how long the backfill of this history took.
    /// </summary>
    private static async Task StoreDaysAsync(HttpClient hq, string cs, DateOnly day)
    {
        async Task<long> LeftAsync()
        {
            await using var c = new SqliteConnection(cs);
            return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kpi_store_days_backfill");
        }
        var queued = await LeftAsync();
        var watch = Stopwatch.StartNew();
        while (await LeftAsync() > 0) await OkAsync(hq, $"/api/v1/reports/kpis?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store-day tallies: {queued:N0} built in {watch.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>Alternate rounds with the marking on and off; returns the printer of the comparison.</summary>
    private static async Task<Action> WritesAsync(HttpMessageHandler handler, Uri url, HttpClient hq, string cs, string store, int rounds, int perRound)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var technician = (await PostAsync(hq, "/api/v1/technicians", new { storeId = store, code = "KPI-" + suffix, name = "KPI bench", phone = "13800000000", skills = new[] { "WashingMachine" } }))!["id"]!.GetValue<string>();
        async Task<HttpClient> UserAsync(string role, string? tech = null)
        {
            var username = $"kpi-{role}-{suffix}";
            await PostAsync(hq, "/api/v1/users", new { username, password = Password, role, storeId = store, technicianId = tech });
            using var anonymous = new HttpClient(handler, disposeHandler: false) { BaseAddress = url };
            return ApiClient.Authenticated(handler, url, await ApiClient.LoginAsync(anonymous, username, Password));
        }
        using var desk = await UserAsync("frontdesk");
        using var manager = await UserAsync("manager");
        using var tech = await UserAsync("technician", technician);
        var maker = (await hq.GetFromJsonAsync<JsonObject>("/api/v1/manufacturers"))!["items"]![0]!["id"]!.GetValue<string>();

        var create = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        var complete = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        for (var round = 0; round < 2 * rounds + 1; round++)
        {
            var on = round % 2 == 0; // on, off, on, …, on: the first round is a warm-up
            await using (var c = new SqliteConnection(cs))
                await c.ExecuteAsync("UPDATE kpi_settings SET aggregate = @On WHERE id = 1", new { On = on ? 1 : 0 });
            for (var i = 0; i < perRound; i++)
            {
                var phone = "137" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
                var customer = (await PostAsync(desk, "/api/v1/customers", new { name = "KPI " + phone, phones = new[] { phone }, addresses = new[] { new { district = "Pudong", street = "1 Century Avenue" } } }))!["id"]!.GetValue<string>();
                var appliance = (await PostAsync(desk, $"/api/v1/customers/{customer}/appliances", new { category = "WashingMachine", manufacturerId = maker, model = "XQG100" }))!["id"]!.GetValue<string>();
                var watch = Stopwatch.StartNew();
                var order = (await PostAsync(desk, "/api/v1/work-orders", new { type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "Drum does not spin", priority = "Normal" }))!["id"]!.GetValue<string>();
                var created = watch.Elapsed.TotalMilliseconds;
                await PostAsync(manager, $"/api/v1/work-orders/{order}/assign", new { technicianId = technician });
                await PostAsync(tech, $"/api/v1/mobile/jobs/{order}/accept", null);
                await PostAsync(tech, $"/api/v1/mobile/jobs/{order}/depart", null);
                await PostAsync(tech, $"/api/v1/mobile/jobs/{order}/arrive", new { lat = 31.2397, lon = 121.4998 });
                watch.Restart();
                await PostAsync(tech, $"/api/v1/mobile/jobs/{order}/complete", new { repairLevel = "Minor", mainPart = false, labourMinutes = 30 });
                if (round == 0) continue;
                create[on].Add(created);
                complete[on].Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        long marks, orders;
        await using (var c = new SqliteConnection(cs))
        {
            marks = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kpi_dirty");
            orders = await c.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT work_order_id) FROM kpi_dirty");
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var drain = Stopwatch.StartNew();
        await OkAsync(hq, $"/api/v1/reports/kpis?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}&storeId={store}");
        var drainMs = drain.Elapsed.TotalMilliseconds;

        return () =>
        {
            static double Median(List<double> v) { var s = v.Order().ToArray(); return s.Length == 0 ? double.NaN : s[s.Length / 2]; }
            static double Mean(List<double> v) => v.Count == 0 ? double.NaN : v.Average();
            foreach (var (name, m) in new[] { ("POST /work-orders", create), ("POST /mobile/jobs/{id}/complete", complete) })
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"INFO {name}: marking on median {Median(m[true]):0.00} ms (mean {Mean(m[true]):0.00}), off median {Median(m[false]):0.00} ms (mean {Mean(m[false]):0.00}); ratio on/off {Median(m[true]) / Median(m[false]):0.00} (medians), {Mean(m[true]) / Mean(m[false]):0.00} (means); {m[true].Count} + {m[false].Count} requests"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"INFO drain: {marks} marks of {orders} orders recomputed by the next report in {drainMs:0} ms ({(orders == 0 ? 0 : drainMs / orders):0.00} ms per order)"));
        };
    }

    private static async Task<JsonNode?> PostAsync(HttpClient client, string uri, object? body)
    {
        using var response = body is null ? await client.PostAsync(uri, null) : await client.PostAsJsonAsync(uri, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{uri}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private static async Task<string> OkAsync(HttpClient client, string uri)
    {
        using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseContentRead);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.OK) return body;
        throw new HttpRequestException($"{uri}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
    }

    private static async Task<bool> OkAsync(HttpClient client, string uri, bool _) { await OkAsync(client, uri); return true; }
}
