using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// Measures the running service against a bare Dapper baseline on the same database file, then a steady mixed
/// load, and prints the ratios against the goals.
/// </summary>
public static class Runner
{
    public const double ReadRatioGoal = 0.6;
    public const double CreateRatioGoal = 0.35;
    public const double MixedP99GoalMs = 20;
    private const int MaxCreatesPerPhase = 9_000;
    private static readonly TimeSpan SliceWarmup = TimeSpan.FromSeconds(1);
    private const string DeskUser = "bench-desk";
    private const string DeskPassword = "bench-desk-password-1";

    private static readonly string[] AllPhases = ["api-get", "bare-get", "baseline-read", "api-post", "bare-post", "baseline-insert", "mixed"];
    // Diagnostic phases, only on request (--phases): where the time of a request goes.
    private static readonly string[] DiagnosticPhases = ["http-live", "http-me"];

    public static async Task<int> RunAsync(Options options)
    {
        var db = options.Required("db");
        var url = ApiClient.LoopbackUrl(options, "url");
        var adminPassword = options.Optional("admin-password") ?? Environment.GetEnvironmentVariable("BENCH_ADMIN_PASSWORD")
            ?? throw new ArgumentException("--admin-password (or BENCH_ADMIN_PASSWORD) is required.");
        var warmup = TimeSpan.FromSeconds(options.Double("warmup", 3));
        var measure = TimeSpan.FromSeconds(options.Double("seconds", 10));
        var concurrency = options.Int("concurrency", 16);
        var rounds = Math.Max(1, options.Int("rounds", 5));
        var mixedSeconds = options.Double("mixed-seconds", 20);
        var mixedRps = options.Double("mixed-rps", 200);
        var getShare = options.Double("mixed-get-share", 0.8);
        var prewarm = TimeSpan.FromSeconds(options.Double("prewarm", 15));
        var cpu = new CpuMeter(options.Ints("pids"));
        // fresh: every POST opens the first order of a spare appliance, so the duplicate-intake check runs (the normal
        // intake); duplicate: every POST sends allowDuplicate:true on the same few appliances (the check is skipped).
        var intakeMode = options.Optional("intake") ?? "fresh";
        if (intakeMode is not ("fresh" or "duplicate")) throw new ArgumentException("--intake is fresh or duplicate.");
        var bareUrl = options.Optional("bare-url") is not null ? ApiClient.LoopbackUrl(options, "bare-url") : null;
        var phases = (options.Optional("phases") ?? string.Join(',', AllPhases.Where(p => bareUrl is not null || !p.StartsWith("bare-", StringComparison.Ordinal))))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (bareUrl is null && phases.FirstOrDefault(p => p.StartsWith("bare-", StringComparison.Ordinal)) is { } needsBare)
            throw new ArgumentException($"Phase {needsBare} needs --bare-url (a running `bare-serve`).");
        if (phases.Except(AllPhases).Except(DiagnosticPhases).FirstOrDefault() is { } unknown)
            throw new ArgumentException($"Unknown phase '{unknown}'. Phases: {string.Join(", ", AllPhases.Concat(DiagnosticPhases))}.");
        DefaultTypeMap.MatchNamesWithUnderscores = true;

        var loadBefore = LoadAverage();
        var connectionString = Options.ConnectionString(db);
        var data = await BenchData.LoadAsync(connectionString);
        Console.WriteLine($"data: {data.Orders.Length} work orders, {data.SpareAppliances.Length} spare appliances for intake");

        using var handler = ApiClient.Handler();
        using var anonymous = new HttpClient(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        var adminToken = await ApiClient.LoginAsync(anonymous, "admin", adminPassword);
        using var admin = ApiClient.Authenticated(handler, url, adminToken);
        using var created = await admin.PostAsJsonAsync("/api/v1/users",
            new { username = DeskUser, password = DeskPassword, role = "frontdesk", storeId = data.StoreId });
        if (created.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
            throw new InvalidOperationException($"Creating the front desk user answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        // The client is a front desk user of the store, as at the counter: it reads and opens orders with a reused token.
        using var api = ApiClient.Authenticated(handler, url, await ApiClient.LoginAsync(anonymous, DeskUser, DeskPassword));

        var intake = new Intake(intakeMode == "fresh" ? data.SpareAppliances : data.SpareAppliances.Take(16).ToArray(), intakeMode == "duplicate");
        Operation apiGet = async random =>
        {
            var order = data.Orders[random.Next(data.Orders.Length)];
            using var response = await api.GetAsync("/api/v1/work-orders/" + order.Id, HttpCompletionOption.ResponseContentRead);
            return await Expect(response, HttpStatusCode.OK);
        };
        Operation apiPost = async _ =>
        {
            var (customerId, applianceId, duplicate) = intake.Next();
            var body = $$"""{"type":"Repair","source":"Phone","customerId":"{{customerId}}","applianceId":"{{applianceId}}","faultDescription":"Drum does not spin","priority":"Normal"{{(duplicate ? ",\"allowDuplicate\":true" : "")}}}""";
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await api.PostAsync("/api/v1/work-orders", content);
            return await Expect(response, HttpStatusCode.Created);
        };
        var baseline = new Baseline(connectionString, data);
        using var bareClient = bareUrl is null ? null : new HttpClient(handler, disposeHandler: false) { BaseAddress = bareUrl, Timeout = TimeSpan.FromSeconds(30) };
        Operation bareGet = async random =>
        {
            using var response = await bareClient!.GetAsync("/bare/work-orders/" + data.Orders[random.Next(data.Orders.Length)].Id,
                HttpCompletionOption.ResponseContentRead);
            return await Expect(response, HttpStatusCode.OK);
        };
        Operation barePost = async random =>
        {
            var order = data.Orders[random.Next(data.Orders.Length)];
            using var content = new StringContent($$"""{"customerId":"{{order.CustomerId}}","applianceId":"{{order.ApplianceId}}"}""",
                Encoding.UTF8, "application/json");
            using var response = await bareClient!.PostAsync("/bare/work-orders", content);
            return await Expect(response, HttpStatusCode.Created);
        };

        var runStart = DateTimeOffset.UtcNow;
        // One of each first: a wrong setup should fail loudly, not show up as a table of errors.
        if (!await apiGet(new Random(1))) throw new InvalidOperationException("GET /api/v1/work-orders/{id} did not answer 200.");
        if (!await apiPost(new Random(1))) throw new InvalidOperationException("POST /api/v1/work-orders did not answer 201.");
        if (!await baseline.ReadAsync(new Random(1)) || !await baseline.InsertAsync(new Random(1)))
            throw new InvalidOperationException("The baseline read or insert failed.");

        // JIT tiering (of the service, the bare endpoint and this client alike) settles before anything is measured; each
        // phase then has its own warm-up too. On 2 busy cores this takes longer than one would think.
        if (prewarm > TimeSpan.Zero)
        {
            Operation[] all = bareUrl is null
                ? [apiGet, apiGet, apiPost, baseline.ReadAsync, baseline.InsertAsync]
                : [apiGet, apiGet, apiPost, bareGet, barePost, baseline.ReadAsync, baseline.InsertAsync];
            Console.WriteLine($"... pre-warm: {prewarm.TotalSeconds:0} s of every operation in turn, concurrency {concurrency}");
            var turn = 0L;
            await Load.ClosedLoopAsync("pre-warm", concurrency, prewarm, TimeSpan.Zero,
                random => all[(int)(Interlocked.Increment(ref turn) % all.Length)](random));
            await BenchData.ResetWritesAsync(connectionString, runStart);
        }

        var results = new Dictionary<string, PhaseResult>();
        var extra = new List<PhaseResult>();

        // The phases of a group (the service, the bare endpoint, the baseline) take turns in short slices, so that a
        // change in the machine's speed during the run (other work, CPU steal on a VM) hits all of them alike and the
        // ratios stay fair. The first slice of a phase has the full warm-up, later ones a short one.
        async Task Group((string Key, string Name, Operation Op, long MaxOperations)[] group)
        {
            var chosen = group.Where(g => phases.Contains(g.Key)).ToArray();
            if (chosen.Length == 0) return;
            var slices = chosen.ToDictionary(g => g.Key, _ => new List<PhaseResult>());
            var slice = measure / rounds;
            foreach (var g in chosen)
                Console.WriteLine($"... {g.Name}: {warmup.TotalSeconds:0} s warm-up, then {rounds} x {slice.TotalSeconds:0.#} s in turn, concurrency {concurrency}");
            for (var round = 0; round < rounds; round++)
                foreach (var (key, name, op, maxOperations) in chosen)
                {
                    // Every write slice starts from the seeded database: rows of earlier ones would change what is measured.
                    if (key is "api-post" or "bare-post" or "baseline-insert") await BenchData.ResetWritesAsync(connectionString, runStart);
                    var before = cpu.Sample();
                    var result = await Load.ClosedLoopAsync(name, concurrency, round == 0 ? warmup : SliceWarmup, slice, op, maxOperations);
                    result.OtherCpuPercent = cpu.OtherPercentSince(before);
                    if (result.Capped) Console.WriteLine($"    {name}: stopped after {maxOperations} requests ({result.Seconds:0.0} s measured)");
                    slices[key].Add(result);
                }
            foreach (var g in chosen) results[g.Key] = PhaseResult.Merge(g.Name, slices[g.Key]);
        }

        await Group([("http-live", "diag: GET /health/live (no auth, no db)", Fetch(anonymous, "/health/live"), long.MaxValue),
            ("http-me", "diag: GET /api/v1/me (auth, no db)", Fetch(api, "/api/v1/me"), long.MaxValue)]);
        await Group([("api-get", "API GET /api/v1/work-orders/{id}", apiGet, long.MaxValue),
            ("bare-get", "ref: bare HTTP GET (Kestrel + Dapper, no logic)", bareGet, long.MaxValue),
            ("baseline-read", "baseline Dapper SELECT ... WHERE id = @Id", baseline.ReadAsync, long.MaxValue)]);
        // A store numbers at most 9,999 orders a day (WO-yyyyMMdd-NNNN): a slice stops short of that.
        await Group([("api-post", "API POST /api/v1/work-orders", apiPost, MaxCreatesPerPhase),
            ("bare-post", "ref: bare HTTP POST (Kestrel + Dapper, no logic)", barePost, long.MaxValue),
            ("baseline-insert", "baseline Dapper INSERT work_orders (own tx)", baseline.InsertAsync, long.MaxValue)]);
        if (phases.Contains("mixed"))
        {
            await BenchData.ResetWritesAsync(connectionString, runStart);
            var name = string.Create(CultureInfo.InvariantCulture, $"mixed {mixedRps:0} req/s open loop, {getShare:P0} GET");
            Console.WriteLine($"... {name}: 2 s warm-up + {mixedSeconds:0} s");
            var before = cpu.Sample();
            var (all, perKind) = await Load.OpenLoopAsync(name, mixedRps, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(mixedSeconds),
                [("GET", getShare, apiGet), ("POST", 1 - getShare, apiPost)]);
            all.OtherCpuPercent = cpu.OtherPercentSince(before);
            results["mixed"] = all;
            extra.AddRange(perKind);
        }

        await BenchData.ResetWritesAsync(connectionString, runStart);
        Console.WriteLine($"intake mode: {intakeMode}; machine load average (1 min) before: {loadBefore}, after: {LoadAverage()}");
        if (!cpu.Complete)
            Console.WriteLine("note: without --pids (the service's process ids) the 'other CPU' column counts the service as other");
        return Report(results, extra, data.Orders.Length, concurrency, rounds, warmup, measure, intakeMode == "fresh" ? intake.Duplicates : 0);
    }

    private static int Report(Dictionary<string, PhaseResult> results, List<PhaseResult> extra, int orders, int concurrency, int rounds,
        TimeSpan warmup, TimeSpan measure, long duplicates)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv,
            $"RepairDispatch benchmark: {orders:N0} work orders in the database, {Environment.ProcessorCount} cores, closed loops of concurrency {concurrency}, {measure.TotalSeconds:0} s each ({rounds} slices in turn) after {warmup.TotalSeconds:0} s warm-up"));
        Console.WriteLine(PhaseResult.Header);
        foreach (var key in DiagnosticPhases.Concat(AllPhases).Where(results.ContainsKey))
        {
            Console.WriteLine(results[key].Row());
            if (key == "mixed") foreach (var kind in extra) Console.WriteLine(kind.Row());
        }
        if (results.TryGetValue("mixed", out var mixed))
            Console.WriteLine(string.Create(inv,
                $"mixed latency (ms, from the scheduled start): p50 {mixed.Percentile(50):0.00}  p95 {mixed.Percentile(95):0.00}  p99 {mixed.Percentile(99):0.00}  max {mixed.Max:0.00}"));
        if (duplicates > 0) Console.WriteLine($"note: the spare appliances ran out; {duplicates} POSTs re-used one with allowDuplicate:true");
        foreach (var r in results.Values.Concat(extra).Where(r => r.Errors > 0))
            Console.WriteLine($"errors in '{r.Name.Trim()}': {r.Errors}, first: {r.FirstError}");
        Console.WriteLine();

        var failed = false;
        void Goal(string line, bool pass) { failed |= !pass; Console.WriteLine($"{line}  {(pass ? "PASS" : "FAIL")}"); }
        var (get, read, post, insert) = (results.GetValueOrDefault("api-get"), results.GetValueOrDefault("baseline-read"),
            results.GetValueOrDefault("api-post"), results.GetValueOrDefault("baseline-insert"));
        if (get is not null && read is not null)
        {
            var ratio = get.Rps / read.Rps;
            Goal(string.Create(inv, $"read ratio   = api_get_rps / baseline_read_rps    = {get.Rps:0} / {read.Rps:0} = {ratio:0.000}  (goal >= {ReadRatioGoal:0.00})"),
                ratio >= ReadRatioGoal);
        }
        if (post is not null && insert is not null)
        {
            var ratio = post.Rps / insert.Rps;
            Goal(string.Create(inv, $"create ratio = api_post_rps / baseline_insert_rps = {post.Rps:0} / {insert.Rps:0} = {ratio:0.000}  (goal >= {CreateRatioGoal:0.00})"),
                ratio >= CreateRatioGoal);
        }
        if (results.TryGetValue("bare-get", out var bareGetResult) && get is not null && read is not null)
            Console.WriteLine(string.Create(inv,
                $"  for reference: api_get / bare_http_get = {get.Rps / bareGetResult.Rps:0.000} (service logic), bare_http_get / baseline_read = {bareGetResult.Rps / read.Rps:0.000} (HTTP on the loopback)"));
        if (results.TryGetValue("bare-post", out var barePostResult) && post is not null && insert is not null)
            Console.WriteLine(string.Create(inv,
                $"  for reference: api_post / bare_http_post = {post.Rps / barePostResult.Rps:0.000} (service logic), bare_http_post / baseline_insert = {barePostResult.Rps / insert.Rps:0.000} (HTTP on the loopback)"));
        if (mixed is not null)
            Goal(string.Create(inv, $"mixed p99    = {mixed.Percentile(99):0.00} ms at {mixed.Rps:0} req/s  (goal <= {MixedP99GoalMs:0} ms)"),
                mixed.Percentile(99) <= MixedP99GoalMs && mixed.Errors == 0);

        if (results.Values.Concat(extra).Any(r => r.Errors > 0))
        {
            Console.WriteLine("RESULT: ERRORS (some requests failed; the figures above are not trustworthy)");
            return 2;
        }
        Console.WriteLine(failed ? "RESULT: FAIL (a goal was missed)" : "RESULT: PASS (every goal met)");
        return failed ? 1 : 0;
    }

    /// <summary>Other work on the machine skews every figure: the 1-minute load average is printed with them.</summary>
    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "n/a"; }
        catch (UnauthorizedAccessException) { return "n/a"; }
    }

    private static Operation Fetch(HttpClient client, string path) => async _ =>
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        return await Expect(response, HttpStatusCode.OK);
    };

    /// <summary>True on the expected status; otherwise throws with the status and the start of the body (the first one is reported).</summary>
    private static async Task<bool> Expect(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == expected) return true;
        throw new HttpRequestException($"{(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
    }

    /// <summary>Hands out each spare appliance once; when they run out, re-uses them with allowDuplicate.</summary>
    private sealed class Intake((string Id, string CustomerId)[] spares, bool alwaysDuplicate)
    {
        private long _next = -1;
        public long Duplicates;

        public (string CustomerId, string ApplianceId, bool Duplicate) Next()
        {
            if (spares.Length == 0) throw new InvalidOperationException("No spare appliances: seed with --spare-appliances.");
            var n = Interlocked.Increment(ref _next);
            var duplicate = alwaysDuplicate || n >= spares.Length;
            if (duplicate) Interlocked.Increment(ref Duplicates);
            var spare = spares[n % spares.Length];
            return (spare.CustomerId, spare.Id, duplicate);
        }
    }
}

/// <summary>What the runner needs from the seeded database.</summary>
public sealed class BenchData
{
    public required string StoreId { get; init; }
    public required string AdminId { get; init; }
    public required (string Id, string CustomerId, string ApplianceId)[] Orders { get; init; }
    public required (string Id, string CustomerId)[] SpareAppliances { get; init; }

    /// <summary>
    /// Back to the seeded state: removes the work orders (and their events) created since <paramref name="since"/>
    /// and winds the day counters back to the highest number left.
    /// </summary>
    public static async Task ResetWritesAsync(string connectionString, DateTimeOffset since)
    {
        await using var c = new SqliteConnection(connectionString);
        await c.OpenAsync();
        await using var tx = await c.BeginTransactionAsync();
        var args = new
        {
            Since = Stored.Text(since),
            FromDay = since.UtcDateTime.AddDays(-2).ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        };
        await c.ExecuteAsync("""
            DELETE FROM work_order_events WHERE work_order_id IN (SELECT id FROM work_orders WHERE created_at >= @Since);
            DELETE FROM work_orders WHERE created_at >= @Since;
            UPDATE work_order_counters SET last_number = (
                SELECT MAX(CAST(substr(w.number, 13) AS INTEGER)) FROM work_orders w
                WHERE w.store_id = work_order_counters.store_id
                  AND w.number >= 'WO-' || work_order_counters.day || '-' AND w.number < 'WO-' || work_order_counters.day || '.')
            WHERE day >= @FromDay AND EXISTS (SELECT 1 FROM work_orders w
                WHERE w.store_id = work_order_counters.store_id
                  AND w.number >= 'WO-' || work_order_counters.day || '-' AND w.number < 'WO-' || work_order_counters.day || '.');
            DELETE FROM work_order_counters WHERE day >= @FromDay AND NOT EXISTS (SELECT 1 FROM work_orders w
                WHERE w.store_id = work_order_counters.store_id
                  AND w.number >= 'WO-' || work_order_counters.day || '-' AND w.number < 'WO-' || work_order_counters.day || '.');
            """, args, tx);
        await tx.CommitAsync();
    }

    public static async Task<BenchData> LoadAsync(string connectionString)
    {
        await using var c = new SqliteConnection(connectionString);
        await c.OpenAsync();
        var orders = (await c.QueryAsync<(string, string, string)>("SELECT id, customer_id, appliance_id FROM work_orders")).ToArray();
        if (orders.Length == 0) throw new InvalidOperationException("No work orders: run `seed` first.");
        // Spare appliances not yet used by an earlier run on the same file.
        var spares = (await c.QueryAsync<(string, string)>("""
            SELECT a.id, a.customer_id FROM appliances a
            WHERE a.model = @Model AND NOT EXISTS (SELECT 1 FROM work_orders w WHERE w.appliance_id = a.id AND w.intended_duplicate = 0
                AND w.status IN ('New','Assigned','Accepted','EnRoute','OnSite','AwaitingParts'))
            """, new { Model = Seeder.SpareModel })).ToArray();
        return new BenchData
        {
            StoreId = await c.ExecuteScalarAsync<string>("SELECT id FROM stores ORDER BY created_at LIMIT 1")
                ?? throw new InvalidOperationException("No store."),
            AdminId = await c.ExecuteScalarAsync<string>("SELECT id FROM users WHERE username = 'admin'")
                ?? throw new InvalidOperationException("No admin user."),
            Orders = orders,
            SpareAppliances = spares,
        };
    }
}
