using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using RepairDispatch.Api.Kpis;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Kpis;

/// <summary>
/// The incremental facts (marked at write time, recomputed by drains that happen between random steps) equal, to the
/// unit, the facts computed from scratch after a random history of changes, reworks and late events.
/// </summary>
public class KpiIncrementalTests(KpiFixture api) : IClassFixture<KpiFixture>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task FactsKeptIncrementallyEqualFactsRecomputedFromScratch(int seed)
    {
        var d = await api.Data.ReadyAsync();
        var h = new KpiHistory(api, d);
        var random = new Random(seed);
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "Property " + seed })).Str("id");
        var start = api.Clock.GetUtcNow();
        var orders = new List<(string Id, string State)>();

        for (var step = 0; step < 60; step++)
        {
            h.Wait(random.Next(0, 4) switch { 0 => 0, 1 => random.Next(1, 90), 2 => random.Next(90, 1440), _ => random.Next(1440, 4 * 1440) });
            var i = orders.Count == 0 ? -1 : random.Next(orders.Count);
            var (id, state) = i < 0 ? ("", "") : orders[i];
            switch (random.Next(9))
            {
                case 0 or 1:
                    orders.Add((await h.Repair(maker), "New"));
                    break;
                case 2 when state == "New":
                    await h.Assign(id);
                    orders[i] = (id, "Assigned");
                    break;
                case 3 when state == "Assigned":
                    await h.Arrive(id);
                    orders[i] = (id, "OnSite");
                    break;
                case 4 when state == "OnSite" && random.Next(2) == 0:
                    await h.AwaitParts(id);
                    orders[i] = (id, "AwaitingParts");
                    break;
                case 4 when state == "AwaitingParts":
                    await h.Return(id);
                    orders[i] = (id, "OnSite");
                    break;
                case 5 when state == "OnSite":
                    await h.Complete(id, random.Next(10, 120));
                    orders[i] = (id, "Completed");
                    break;
                case 6 when state == "Completed": // a rework, sometimes long after the 30 days
                    orders.Add((await h.Rework(id), "New"));
                    orders[i] = (id, "Reworked");
                    break;
                case 7 when state is "Completed" or "Reworked": // a late callback result
                    await h.Callback(id, random.Next(3, 6));
                    orders[i] = (id, state == "Completed" ? "Called" : "Reworked");
                    break;
                case 8 when state != "":
                    await h.Complaint(id);
                    break;
            }
            if (random.Next(5) == 0) await d.Manager.GetOk(Url(start)); // a drain between changes
        }

        var answer = await d.Manager.GetOk(Url(start) + "&groupBy=day");
        var incremental = await FactsAsync();
        var incrementalTallies = await StoreDaysOf(api);
        await api.Services.GetRequiredService<KpiRefresh>().RebuildAsync();
        var recomputed = await FactsAsync();

        orders.Count.Should().BeGreaterThan(5);
        incremental.Should().HaveCount(recomputed.Count).And.BeEquivalentTo(recomputed, o => o.WithStrictOrdering());
        incrementalTallies.Should().NotBeEmpty().And.Equal(await StoreDaysOf(api), "the store-day tallies, byte for byte");
        (await d.Manager.GetOk(Url(start) + "&groupBy=day")).ToJsonString().Should().Be(answer.ToJsonString());
        // The day groups come from the store-day tallies, the technician groups from the fact rows: they count the same orders.
        var byTechnician = (await d.Manager.GetOk(Url(start) + "&groupBy=technician"))["groups"]!.AsArray();
        foreach (var figure in new[] { "orders", "completed" })
            byTechnician.Sum(g => g![figure]!.GetValue<int>()).Should().Be(answer["groups"]!.AsArray().Sum(g => g![figure]!.GetValue<int>()), figure);
    }

    private string Url(DateTimeOffset start) =>
        $"/api/v1/reports/kpis?from={TestData.StationDayOf(start).AddDays(-1):yyyy-MM-dd}&to={TestData.StationDayOf(api.Clock.GetUtcNow()).AddDays(1):yyyy-MM-dd}";

    private Task<List<Dictionary<string, object?>>> FactsAsync() => FactsOf(api);

    /// <summary>Every store-day tally, as hex, in order.</summary>
    internal static async Task<List<string>> StoreDaysOf(ApiFactory api)
    {
        await using var c = await api.Db.OpenAsync();
        return (await c.QueryAsync<(string StoreId, string Day, byte[] Tally)>("SELECT store_id, day, tally FROM kpi_store_days ORDER BY store_id, day"))
            .Select(r => $"{r.StoreId} {r.Day} {Convert.ToHexString(r.Tally)}").ToList();
    }

    /// <summary>Every kept fact row, column by column, in order.</summary>
    internal static async Task<List<Dictionary<string, object?>>> FactsOf(ApiFactory api)
    {
        await using var c = await api.Db.OpenAsync();
        return (await c.QueryAsync("SELECT * FROM kpi_order_facts ORDER BY work_order_id"))
            .Select(r => ((IDictionary<string, object?>)r).ToDictionary(kv => kv.Key, kv => kv.Value)).ToList();
    }
}
