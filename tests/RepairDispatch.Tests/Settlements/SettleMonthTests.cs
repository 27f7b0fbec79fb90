using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using RepairDispatch.Api.Claims;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Settlements;

/// <summary>
/// The chain's month in one request (POST /settlements/runs/month, also the monthly job's path): a run for every party with
/// something to settle and no run yet, each exactly what its own run would hold, collected together.
/// </summary>
public class SettleMonthTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static string Period() => ChainSetup.Period();

    [Fact]
    public async Task EveryManufacturerWithoutARunGetsItsRunWithItsOwnLinesAndStoresOnce()
    {
        var chain = await ChainSetup.TwoStoresAsync(api, await api.Data.ReadyAsync());
        var d = chain.D;
        var (first, second, early) = (await ChainSetup.ManufacturerAsync(d), await ChainSetup.ManufacturerAsync(d), await ChainSetup.ManufacturerAsync(d));
        var firstOrders = new[] { await ChainSetup.CompletedRepairAsync(api, d, first), await ChainSetup.CompletedRepairAsync(api, d, first, chain.StoreB) };
        var secondOrders = new[] { await ChainSetup.CompletedRepairAsync(api, d, second, chain.StoreB) };
        await ChainSetup.CompletedRepairAsync(api, d, early);
        var earlyRun = (await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = early, period = Period() })).Str("id");
        var lateOfEarly = await ChainSetup.CompletedRepairAsync(api, d, early);

        (await chain.FinanceA.PostAsJsonAsync("/api/v1/settlements/runs/month", new { period = Period() })).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "a store's finance settles nothing for the chain");
        var month = await d.Finance.PostOk("/api/v1/settlements/runs/month", new { period = Period() }, HttpStatusCode.OK);

        string?[] ours = [first, second, early];
        var created = month["created"]!.AsArray().Where(r => ours.Contains(r!["manufacturerId"]?.GetValue<string>())).ToList();
        created.Select(r => r.Str("manufacturerId")).Should().BeEquivalentTo([first, second], "the manufacturer that had its run is left out");
        var firstRun = created.Single(r => r.Str("manufacturerId") == first)!.AsObject();
        firstRun["total"]!.GetValue<decimal>().Should().Be(161.00m);
        firstRun["stores"]!.AsArray().Select(s => (s.Str("storeId"), s!["total"]!.GetValue<decimal>()))
            .Should().BeEquivalentTo([(chain.StoreA, 80.50m), (chain.StoreB, 80.50m)]);
        created.Single(r => r.Str("manufacturerId") == second)!["stores"]!.AsArray().Select(s => s.Str("storeId")).Should().Equal(chain.StoreB);
        (await d.Finance.GetOk($"/api/v1/settlements/runs/{firstRun.Str("id")}/lines"))["items"]!.AsArray()
            .Select(l => l.Str("workOrderId")).Should().BeEquivalentTo(firstOrders);

        var ids = firstOrders.Concat(secondOrders).Append(lateOfEarly).ToArray();
        async Task<Dictionary<string, (string Order, string State, string? Run)>> ClaimsAsync(string select)
        {
            await using var c = await api.Db.OpenAsync();
            return (await c.QueryAsync<(string Order, string State, string? Run)>(select + " WHERE c.work_order_id IN @Ids", new { Ids = ids }))
                .ToDictionary(x => x.Order);
        }
        void TakenByTheRuns(Dictionary<string, (string Order, string State, string? Run)> claims)
        {
            firstOrders.Should().OnlyContain(o => claims[o].State == "Claimed" && claims[o].Run == firstRun.Str("id"));
            claims[secondOrders[0]].State.Should().Be("Claimed");
            claims[lateOfEarly].State.Should().Be("Ready", "a claim ready after its manufacturer's run of the month waits for the next month's");
        }
        // As the API and the rules see them right after the run (the run wrote claim_runs, not the claim rows) …
        TakenByTheRuns(await ClaimsAsync($"SELECT c.work_order_id, {ClaimRuns.State} AS state, {ClaimRuns.RunId} AS run_id FROM work_order_claims c {ClaimRuns.Join}"));
        (await ClaimsAsync("SELECT c.work_order_id, c.state, c.run_id FROM work_order_claims c"))[firstOrders[0]].State.Should().Be("Ready", "the row is folded later");
        // … and in the claim rows themselves once the claim-runs job has folded them.
        (await api.Services.GetRequiredService<ClaimRuns>().FoldAsync()).Should().BeGreaterThanOrEqualTo(firstOrders.Length + 1);
        TakenByTheRuns(await ClaimsAsync("SELECT c.work_order_id, c.state, c.run_id FROM work_order_claims c"));
        (await api.Services.GetRequiredService<ClaimRuns>().FoldAsync()).Should().Be(0, "folding again changes nothing");
        (await d.Finance.GetOk($"/api/v1/settlements/runs/{earlyRun}"))["lineCount"]!.GetValue<long>().Should().Be(1);

        var again = await d.Finance.PostOk("/api/v1/settlements/runs/month", new { period = Period() }, HttpStatusCode.OK);
        again["created"]!.AsArray().Should().BeEmpty("asking twice makes nothing");
        (await d.Finance.GetOk($"/api/v1/settlements/runs?period={Period()}"))["items"]!.AsArray()
            .Count(r => ours.Contains(r!["manufacturerId"]?.GetValue<string>())).Should().Be(3);
    }
}
