using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
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
    private const string DeskUser = "bench-desk";
    private const string DeskPassword = "bench-desk-password-1";

    private static readonly string[] AllPhases = ["api-get", "baseline-read", "api-post", "baseline-insert", "mixed"];
    // Diagnostic phases, only on request (--phases): where the time of a request goes.
    private static readonly string[] DiagnosticPhases = ["http-live", "http-me"];

    public static async Task<int> RunAsync(Options options)
    {
        var db = options.Required("db");
        var url = new Uri(options.Required("url"));
        if (!IPAddress.TryParse(url.Host, out var ip) || !IPAddress.IsLoopback(ip))
            throw new ArgumentException("--url must point at a loopback address such as http://127.0.0.1:5080 (the benchmark only loads the local machine).");
        var adminPassword = options.Optional("admin-password") ?? Environment.GetEnvironmentVariable("BENCH_ADMIN_PASSWORD")
            ?? throw new ArgumentException("--admin-password (or BENCH_ADMIN_PASSWORD) is required.");
        var warmup = TimeSpan.FromSeconds(options.Double("warmup", 3));
        var measure = TimeSpan.FromSeconds(options.Double("seconds", 10));
        var concurrency = options.Int("concurrency", 16);
        var mixedSeconds = options.Double("mixed-seconds", 20);
        var mixedRps = options.Double("mixed-rps", 200);
        var getShare = options.Double("mixed-get-share", 0.8);
        var phases = (options.Optional("phases") ?? string.Join(',', AllPhases)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (phases.Except(AllPhases).Except(DiagnosticPhases).FirstOrDefault() is { } unknown)
            throw new ArgumentException($"Unknown phase '{unknown}'. Phases: {string.Join(", ", AllPhases.Concat(DiagnosticPhases))}.");
        DefaultTypeMap.MatchNamesWithUnderscores = true;

        var connectionString = Options.ConnectionString(db);
        var data = await BenchData.LoadAsync(connectionString);
        Console.WriteLine($"data: {data.Orders.Length} work orders, {data.SpareAppliances.Length} spare appliances for intake");

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var anonymous = new HttpClient(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        var adminToken = await LoginAsync(anonymous, "admin", adminPassword);
        using var admin = Authenticated(handler, url, adminToken);
        var created = await admin.PostAsJsonAsync("/api/v1/users",
            new { username = DeskUser, password = DeskPassword, role = "frontdesk", storeId = data.StoreId });
        if (created.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
            throw new InvalidOperationException($"Creating the front desk user answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        // The client is a front desk user of the store, as at the counter: it reads and opens orders with a reused token.
        using var api = Authenticated(handler, url, await LoginAsync(anonymous, DeskUser, DeskPassword));

        var intake = new Intake(data.SpareAppliances);
        Operation apiGet = async random =>
        {
            var order = data.Orders[random.Next(data.Orders.Length)];
            using var response = await api.GetAsync("/api/v1/work-orders/" + order.Id, HttpCompletionOption.ResponseContentRead);
            return response.StatusCode == HttpStatusCode.OK;
        };
        Operation apiPost = async _ =>
        {
            var (customerId, applianceId, duplicate) = intake.Next();
            var body = $$"""{"type":"Repair","source":"Phone","customerId":"{{customerId}}","applianceId":"{{applianceId}}","faultDescription":"Drum does not spin","priority":"Normal"{{(duplicate ? ",\"allowDuplicate\":true" : "")}}}""";
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await api.PostAsync("/api/v1/work-orders", content);
            await response.Content.LoadIntoBufferAsync();
            return response.StatusCode == HttpStatusCode.Created;
        };
        var baseline = new Baseline(connectionString, data);

        // One of each first: a wrong setup should fail loudly, not show up as a table of errors.
        if (!await apiGet(new Random(1))) throw new InvalidOperationException("GET /api/v1/work-orders/{id} did not answer 200.");
        if (!await apiPost(new Random(1))) throw new InvalidOperationException("POST /api/v1/work-orders did not answer 201.");
        if (!await baseline.ReadAsync(new Random(1)) || !await baseline.InsertAsync(new Random(1)))
            throw new InvalidOperationException("The baseline read or insert failed.");

        var results = new Dictionary<string, PhaseResult>();
        var extra = new List<PhaseResult>();
        async Task Phase(string key, string name, Operation op)
        {
            if (!phases.Contains(key)) return;
            Console.WriteLine($"... {name}: {warmup.TotalSeconds:0} s warm-up + {measure.TotalSeconds:0} s, concurrency {concurrency}");
            results[key] = await Load.ClosedLoopAsync(name, concurrency, warmup, measure, op);
        }

        await Phase("http-live", "diag: GET /health/live (no auth, no db)", Fetch(anonymous, "/health/live"));
        await Phase("http-me", "diag: GET /api/v1/me (auth, no db)", Fetch(api, "/api/v1/me"));
        await Phase("api-get", "API GET /api/v1/work-orders/{id}", apiGet);
        await Phase("baseline-read", "baseline Dapper SELECT ... WHERE id = @Id", baseline.ReadAsync);
        await Phase("api-post", "API POST /api/v1/work-orders", apiPost);
        await Phase("baseline-insert", "baseline Dapper INSERT work_orders (own tx)", baseline.InsertAsync);
        if (phases.Contains("mixed"))
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"mixed {mixedRps:0} req/s open loop, {getShare:P0} GET");
            Console.WriteLine($"... {name}: 2 s warm-up + {mixedSeconds:0} s");
            var (all, perKind) = await Load.OpenLoopAsync(name, mixedRps, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(mixedSeconds),
                [("GET", getShare, apiGet), ("POST", 1 - getShare, apiPost)]);
            results["mixed"] = all;
            extra.AddRange(perKind);
        }

        return Report(results, extra, data.Orders.Length, concurrency, warmup, measure, intake.Duplicates);
    }

    private static int Report(Dictionary<string, PhaseResult> results, List<PhaseResult> extra, int orders, int concurrency,
        TimeSpan warmup, TimeSpan measure, long duplicates)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(inv,
            $"RepairDispatch benchmark: {orders:N0} work orders in the database, {Environment.ProcessorCount} cores, closed loops of concurrency {concurrency}, {measure.TotalSeconds:0} s each after {warmup.TotalSeconds:0} s warm-up"));
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
        if (results.TryGetValue("api-get", out var get) && results.TryGetValue("baseline-read", out var read))
        {
            var ratio = get.Rps / read.Rps;
            Goal(string.Create(inv, $"read ratio   = api_get_rps / baseline_read_rps    = {get.Rps:0} / {read.Rps:0} = {ratio:0.000}  (goal >= {ReadRatioGoal:0.00})"),
                ratio >= ReadRatioGoal);
        }
        if (results.TryGetValue("api-post", out var post) && results.TryGetValue("baseline-insert", out var insert))
        {
            var ratio = post.Rps / insert.Rps;
            Goal(string.Create(inv, $"create ratio = api_post_rps / baseline_insert_rps = {post.Rps:0} / {insert.Rps:0} = {ratio:0.000}  (goal >= {CreateRatioGoal:0.00})"),
                ratio >= CreateRatioGoal);
        }
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

    private static Operation Fetch(HttpClient client, string path) => async _ =>
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        return response.StatusCode == HttpStatusCode.OK;
    };

    private static async Task<string> LoginAsync(HttpClient http, string username, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Login as {username} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        return token?.AccessToken ?? throw new InvalidOperationException("No access token in the login answer.");
    }

    private static HttpClient Authenticated(HttpMessageHandler handler, Uri url, string token)
    {
        var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private sealed record TokenBody(string AccessToken);

    /// <summary>Hands out each spare appliance once; when they run out, re-uses them with allowDuplicate.</summary>
    private sealed class Intake((string Id, string CustomerId)[] spares)
    {
        private long _next = -1;
        public long Duplicates;

        public (string CustomerId, string ApplianceId, bool Duplicate) Next()
        {
            if (spares.Length == 0) throw new InvalidOperationException("No spare appliances: seed with --spare-appliances.");
            var n = Interlocked.Increment(ref _next);
            var duplicate = n >= spares.Length;
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
