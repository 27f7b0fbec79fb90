using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RepairDispatch.Benchmarks;

/// <summary>
/// `write-load --url URL --admin-password PW --out FILE [--seconds 30] [--concurrency 8]`: front-desk writes (a customer,
/// an appliance, a work order) as fast as the service takes them, appending the id of every work order the service
/// acknowledged (201) to FILE, flushed line by line, so the record survives the service being killed under it.
/// Requests that fail because the service is gone are expected and not counted as acknowledged.
/// </summary>
public static class WriteLoad
{
    public static async Task<int> RunAsync(Options options)
    {
        var url = ApiClient.LoopbackUrl(options, "url");
        var until = DateTime.UtcNow.AddSeconds(options.Int("seconds", 30));
        using var handler = ApiClient.Handler();
        using var anonymous = new HttpClient(handler, disposeHandler: false) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        using var admin = ApiClient.Authenticated(handler, url, await ApiClient.LoginAsync(anonymous, "admin", options.Required("admin-password")));
        // A store per run: a store numbers at most 9,999 orders a day, and the rounds together take more than that.
        var code = "LOAD-" + Guid.NewGuid().ToString("N")[..8];
        var store = await IdOf(admin, "/api/v1/stores", new { code, name = code, city = "Shanghai", address = "Load road" })
            ?? throw new InvalidOperationException("No store.");
        var maker = await IdOf(admin, "/api/v1/manufacturers", new { name = "Load maker " + Guid.NewGuid().ToString("N")[..8] }) ?? throw new InvalidOperationException("No manufacturer.");
        await using var acked = new StreamWriter(options.Required("out"), append: true) { AutoFlush = true };
        var gate = new SemaphoreSlim(1, 1);
        long ok = 0, failed = 0;
        await Task.WhenAll(Enumerable.Range(0, options.Int("concurrency", 8)).Select(async worker =>
        {
            var rng = new Random(worker);
            while (DateTime.UtcNow < until)
            {
                try
                {
                    var customer = await IdOf(admin, "/api/v1/customers", new { storeId = store, name = "Load", phones = new[] { "139" + rng.Next(10_000_000, 99_999_999) } });
                    var appliance = customer is null ? null : await IdOf(admin, $"/api/v1/customers/{customer}/appliances", new { category = "Tv", manufacturerId = maker, model = "L1" });
                    var order = appliance is null ? null : await IdOf(admin, "/api/v1/work-orders",
                        new { type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "Load" });
                    if (order is null) { Interlocked.Increment(ref failed); continue; }
                    await gate.WaitAsync();
                    try { await acked.WriteLineAsync(order); } finally { gate.Release(); }
                    Interlocked.Increment(ref ok);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                    await Task.Delay(200);
                }
            }
        }));
        Console.WriteLine($"write-load: {ok} work orders acknowledged, {failed} requests failed");
        return 0;
    }

    /// <summary>The new resource's id on 201, else null.</summary>
    private static async Task<string?> IdOf(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        if ((int)response.StatusCode != 201) return null;
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    }
}
