using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Stock;

/// <summary>Many takers of little stock at once: the balance never goes below zero and always equals the ledger.</summary>
public class StockConcurrencyTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task ConcurrentCompletionsAndAdjustmentsNeverTakeMoreThanThereIs()
    {
        var d = await api.Data.ReadyAsync();
        var part = await StockSetup.NewPart(d, "Thermostat");
        await StockSetup.Receive(d.FrontDesk, d.StoreId, part, 5);
        var orders = new List<string>();
        for (var i = 0; i < 6; i++) orders.Add(await StockSetup.OnSiteForTechnicianA(d));

        var completions = orders.Select(o => d.TechA.PostAsJsonAsync($"/api/v1/mobile/jobs/{o}/complete", StockSetup.Completion(part, 1)));
        var adjustments = Enumerable.Range(0, 6).Select(_ => d.Manager.PostAsJsonAsync("/api/v1/stock/adjustments",
            new { locationId = d.StoreId, partId = part, qtyDelta = -1, reason = "damaged" }));
        var answers = await Task.WhenAll(completions.Concat(adjustments));

        answers.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict);
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(5, "five were in stock");
        (await StockSetup.OnHand(d.Manager, d.StoreId, part)).Should().Be(0);
        var ledger = await StockSetup.Movements(api, d.StoreId, part);
        ledger.Sum(m => m.Qty).Should().Be(0);
        ledger.Count(m => m.Qty < 0).Should().Be(5);
        // Running the ledger forward never dips below zero.
        ledger.Select(m => m.Qty).Aggregate(new List<long> { 0 }, (acc, q) => { acc.Add(acc[^1] + q); return acc; }).Should().OnlyContain(x => x >= 0);
        await StockSetup.LedgerMatchesBalances(api);
    }
}
