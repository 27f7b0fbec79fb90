using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// `candidates-run --url URL --admin-password PW [--technicians 200] [--requests 500]`: a store with N technicians
/// (created through the API) and a day of booked work; then GET /api/v1/dispatch/candidates for one order, one
/// request at a time, and GET /api/v1/work-orders/{id} the same way as the baseline. Goal: p99 ≤ 50 ms.
/// </summary>
public static class CandidatesBench
{
    private const double GoalP99Ms = 50;

    public static async Task<int> RunAsync(Options options)
    {
        var url = ApiClient.LoopbackUrl(options, "url");
        var technicians = options.Int("technicians", 200);
        var requests = options.Int("requests", 500);
        using var handler = ApiClient.Handler();
        using var anonymous = new HttpClient(handler, disposeHandler: false) { BaseAddress = url };
        using var admin = ApiClient.Authenticated(handler, url, await ApiClient.LoginAsync(anonymous, "admin", options.Required("admin-password")));
        var (order, store) = await SetUpAsync(admin, technicians);

        var candidates = await TimeAsync(admin, $"/api/v1/dispatch/candidates?workOrderId={order}", requests);
        var baseline = await TimeAsync(admin, $"/api/v1/work-orders/{order}", requests);
        var ranked = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/dispatch/candidates?workOrderId={order}"))!;
        Console.WriteLine($"store {store}: {technicians} technicians; {ranked["candidates"]!.AsArray().Count} ranked, {ranked["excluded"]!.AsArray().Count} excluded");
        Console.WriteLine($"candidates     p50 {P(candidates, 50):0.00} ms  p99 {P(candidates, 99):0.00} ms  ({requests} requests, one at a time)");
        Console.WriteLine($"GET work order p50 {P(baseline, 50):0.00} ms  p99 {P(baseline, 99):0.00} ms  (baseline, same run)");
        Console.WriteLine($"candidates / GET p99 = {P(candidates, 99) / P(baseline, 99):0.0}x");
        var pass = P(candidates, 99) <= GoalP99Ms;
        Console.WriteLine($"{(pass ? "PASS" : "FAIL")} candidates p99 {P(candidates, 99):0.00} ms <= {GoalP99Ms} ms");
        return pass ? 0 : 1;
    }

    private static double P(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];

    private static async Task<List<double>> TimeAsync(HttpClient client, string path, int requests)
    {
        for (var i = 0; i < 50; i++) (await client.GetAsync(path)).EnsureSuccessStatusCode(); // warm-up
        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    /// <summary>N washing-machine technicians around Shanghai, 3 booked jobs for every tenth of them, and the order to rank.</summary>
    private static async Task<(string Order, string Store)> SetUpAsync(HttpClient admin, int technicians)
    {
        var rng = new Random(200);
        var store = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/stores"))!["items"]!.AsArray()[0]!["id"]!.GetValue<string>();
        var maker = await PostAsync(admin, "/api/v1/manufacturers", new { name = "Bench maker " + Guid.NewGuid().ToString("N")[..6] });
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(1);
        var ids = new List<string>();
        for (var i = 0; i < technicians; i++)
            ids.Add(await PostAsync(admin, "/api/v1/technicians", new
            {
                storeId = store, code = $"CB-{i:000}-{rng.Next(1000):000}", name = $"Candidate {i}", phone = "13800000000",
                skills = new[] { "WashingMachine", i % 3 == 0 ? "Refrigerator" : "Tv" }, districts = new[] { i % 2 == 0 ? "Pudong" : "Xuhui" },
                dailyCapacity = 6, start = new { lat = 31.1 + rng.NextDouble() * 0.3, lon = 121.3 + rng.NextDouble() * 0.35 },
            }));
        async Task<string> BookAsync(string? technician)
        {
            var customer = await PostAsync(admin, "/api/v1/customers", new { storeId = store, name = "Bench customer", phones = new[] { "139" + rng.Next(10_000_000, 99_999_999) } });
            var appliance = await PostAsync(admin, $"/api/v1/customers/{customer}/appliances", new { category = "WashingMachine", manufacturerId = maker, model = "B1" });
            var from = new DateTimeOffset(day.ToDateTime(new TimeOnly(9 + rng.Next(8), 0)), TimeSpan.FromHours(8));
            var order = await PostAsync(admin, "/api/v1/work-orders", new
            {
                type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "Bench",
                appointment = new { from, to = from.AddHours(2) },
                address = new { district = "Pudong", street = "Bench road", lat = 31.1 + rng.NextDouble() * 0.3, lon = 121.3 + rng.NextDouble() * 0.35 },
            });
            if (technician is not null)
                (await admin.PostAsJsonAsync($"/api/v1/work-orders/{order}/assign", new { technicianId = technician })).EnsureSuccessStatusCode();
            return order;
        }
        for (var i = 0; i < technicians; i += 10)
            for (var j = 0; j < 3; j++) await BookAsync(ids[i]);
        return (await BookAsync(null), store);
    }

    private static async Task<string> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }
}
