using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// chain-run: on a database seeded by chain-seed, with the service running on it, the chain's reads at a fixed rate
/// (open loop, latency from the scheduled start): each kind on its own at --rps (50) for --seconds (30) after
/// --warmup (5) seconds:
///  - the order list of one store and one status, first page, as a front desk user bound to that store;
///  - the same as headquarters (admin, no store) with storeId;
///  - phone search of customers (GET /customers?phone=), as a front desk user, a customer of the user's store;
///  - get an order by id, as a front desk user of the order's store;
///  - when the stock ledger was seeded (stock-seed): a location's on-hand stock (GET /stock?locationId=) as headquarters,
///    for the location with the most movements (goal p99 ≤ 5 ms).
/// Stores, statuses, customers and orders are drawn at random (orders and customers from a sample of --sample rows).
/// Goal: p99 ≤ 20 ms for each (5 ms for the stock). Exit code: 0 every goal met, 1 a goal missed, 2 errors.
/// </summary>
public static class ChainBench
{
    public const double P99GoalMs = 20;
    public const double StockP99GoalMs = 5;
    private const string DeskPassword = "chain-desk-password-1";
    private static readonly string[] Statuses = ["New", "Assigned", "Accepted", "EnRoute", "OnSite", "AwaitingParts", "Completed", "Closed", "Cancelled"];

    public static async Task<int> RunAsync(Options options)
    {
        var path = options.Required("db");
        var url = ApiClient.LoopbackUrl(options, "url");
        var password = options.Required("admin-password");
        var rps = options.Double("rps", 50);
        var seconds = TimeSpan.FromSeconds(options.Double("seconds", 30));
        var warmup = TimeSpan.FromSeconds(options.Double("warmup", 5));
        var sample = options.Int("sample", 20_000);
        var cpu = new CpuMeter(options.Ints("pids"));

        var data = await ChainData.LoadAsync(Options.ConnectionString(path), sample);
        Console.WriteLine($"data: {data.Stores.Length} chain stores, {data.OrderCount:N0} work orders, {data.CustomerCount:N0} customers; sampled {data.Orders.Length:N0} orders and {data.Customers.Length:N0} customers");

        using var handler = ApiClient.Handler();
        using var anonymous = new HttpClient(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        using var hq = ApiClient.Authenticated(handler, url, await ApiClient.LoginAsync(anonymous, "admin", password));
        var desks = new Dictionary<string, HttpClient>();
        foreach (var store in data.Stores)
        {
            var username = "chain-desk-" + store[..8] + store[^4..];
            using var created = await hq.PostAsJsonAsync("/api/v1/users", new { username, password = DeskPassword, role = "frontdesk", storeId = store });
            if (created.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                throw new InvalidOperationException($"Creating {username} answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
            desks[store] = ApiClient.Authenticated(handler, url, await ApiClient.LoginAsync(anonymous, username, DeskPassword));
        }
        Console.WriteLine($"logged in: headquarters (admin) and {desks.Count} front desk users, one per store");

        string Pick(Random r) => data.Stores[r.Next(data.Stores.Length)];
        string Status(Random r) => Statuses[r.Next(Statuses.Length)];
        var kinds = new List<(string Name, double GoalMs, Operation Op)>
        {
            ("GET /work-orders?status= (store desk)", P99GoalMs, async r =>
            {
                var store = Pick(r);
                return await OkAsync(desks[store], $"/api/v1/work-orders?status={Status(r)}");
            }),
            ("GET /work-orders?storeId=&status= (HQ)", P99GoalMs, async r => await OkAsync(hq, $"/api/v1/work-orders?storeId={Pick(r)}&status={Status(r)}")),
            ("GET /customers?phone= (store desk)", P99GoalMs, async r =>
            {
                var (phone, store) = data.Customers[r.Next(data.Customers.Length)];
                return await OkAsync(desks[store], "/api/v1/customers?phone=" + phone, phone);
            }),
            ("GET /work-orders/{id} (store desk)", P99GoalMs, async r =>
            {
                var (id, store) = data.Orders[r.Next(data.Orders.Length)];
                return await OkAsync(desks[store], "/api/v1/work-orders/" + id);
            }),
        };
        if (data.BusiestLocation is { } location)
        {
            Console.WriteLine($"stock ledger: {data.Movements:N0} movements; the busiest location {location.Id} has {location.Movements:N0} of them over {location.Parts} parts");
            kinds.Add(("GET /stock?locationId= (HQ, busiest)", StockP99GoalMs, async _ => await OkAsync(hq, "/api/v1/stock?locationId=" + location.Id)));
        }

        // JIT and SQLite's page cache warm for every kind before anything counts.
        foreach (var (_, _, op) in kinds)
            await Load.ClosedLoopAsync("prewarm", 4, TimeSpan.Zero, TimeSpan.FromSeconds(3), op);

        Console.WriteLine();
        Console.WriteLine($"each kind on its own, open loop at {rps:0} requests/s, {warmup.TotalSeconds:0} s warm-up then {seconds.TotalSeconds:0} s measured");
        Console.WriteLine(PhaseResult.Header);
        var results = new List<(PhaseResult Result, double GoalMs)>();
        foreach (var (name, goal, op) in kinds)
        {
            var before = cpu.Sample();
            var (all, _) = await Load.OpenLoopAsync(name, rps, warmup, seconds, [(name, 1.0, op)]);
            all.OtherCpuPercent = cpu.Complete ? cpu.OtherPercentSince(before) : null;
            Console.WriteLine(all.Row() + string.Create(CultureInfo.InvariantCulture, $"  max {all.Max:0.0} ms"));
            if (all.FirstError is not null) Console.WriteLine("   first error: " + all.FirstError);
            results.Add((all, goal));
        }
        foreach (var client in desks.Values) client.Dispose();

        Console.WriteLine();
        var ok = true;
        foreach (var (r, goal) in results)
            ok &= Report.Check(string.Create(CultureInfo.InvariantCulture, $"{r.Name.Trim()}: p99 {r.Percentile(99):0.00} ms <= {goal} ms at {rps:0}/s"), r.Percentile(99) <= goal);
        if (results.Any(r => r.Result.Errors > 0)) { Console.WriteLine("ERROR failed requests (see the table)"); return 2; }
        return ok ? 0 : 1;
    }

    private static async Task<bool> OkAsync(HttpClient client, string uri, string? mustContain = null)
    {
        using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseContentRead);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.OK && (mustContain is null || body.Contains(mustContain, StringComparison.Ordinal))) return true;
        throw new HttpRequestException($"{uri}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
    }

    private sealed record Location(string Id, long Movements, long Parts);

    private sealed record ChainData(string[] Stores, long OrderCount, long CustomerCount, (string Id, string Store)[] Orders, (string Phone, string Store)[] Customers,
        long Movements, Location? BusiestLocation)
    {
        public static async Task<ChainData> LoadAsync(string cs, int sample)
        {
            await using var c = new SqliteConnection(cs);
            await c.OpenAsync();
            var stores = (await c.QueryAsync<string>("SELECT id FROM stores WHERE code LIKE 'CHAIN%' ORDER BY code")).ToArray();
            if (stores.Length == 0) throw new ArgumentException("chain-run: no chain stores: run chain-seed first.");
            var maxOrder = await c.ExecuteScalarAsync<long>("SELECT MAX(rowid) FROM work_orders");
            var maxCustomer = await c.ExecuteScalarAsync<long>("SELECT MAX(rowid) FROM customers");
            var random = new Random(16);
            var orderRows = Enumerable.Range(0, sample).Select(_ => random.NextInt64(1, maxOrder + 1)).Distinct().ToArray();
            var customerRows = Enumerable.Range(0, sample).Select(_ => random.NextInt64(1, maxCustomer + 1)).Distinct().ToArray();
            var orders = (await c.QueryAsync<(string, string)>("SELECT id, store_id FROM work_orders WHERE rowid IN @Rows", new { Rows = orderRows })).ToArray();
            var customers = (await c.QueryAsync<(string, string)>("""
                SELECT p.phone, c.store_id FROM customers c JOIN customer_phones p ON p.customer_id = c.id
                WHERE c.rowid IN @Rows AND c.store_id IN @Stores
                """, new { Rows = customerRows, Stores = stores })).ToArray();
            var storeSet = stores.ToHashSet();
            long movements = 0;
            Location? busiest = null;
            if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'stock_movements'") > 0
                && (movements = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM stock_movements")) > 0)
                busiest = await c.QueryFirstAsync<Location>("""
                    SELECT location_id AS Id, COUNT(*) AS Movements, COUNT(DISTINCT part_id) AS Parts FROM stock_movements
                    GROUP BY location_id ORDER BY COUNT(*) DESC LIMIT 1
                    """);
            return new ChainData(stores, maxOrder, maxCustomer, orders.Where(o => storeSet.Contains(o.Item2)).ToArray(), customers, movements, busiest);
        }
    }
}
