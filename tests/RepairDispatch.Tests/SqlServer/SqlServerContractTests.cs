using System.Net;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.SqlServer;

/// <summary>
/// The data layer on SQL Server, through the same public API: migrations, intake with numbering under
/// concurrency, the dialect-specific paging, assignment and the technician's steps, refresh tokens.
/// The factory (and its database) is only built when the variable is set; otherwise every test skips.
/// </summary>
public class SqlServerContractTests : IDisposable
{
    private readonly Lazy<SqlServerFactory> _api = new(() => new SqlServerFactory());

    private Task<TestData> Data() => _api.Value.Data.ReadyAsync();

    [SqlServerFact]
    public async Task AChainRunHasStoreSubtotalsAndAStoresFinanceSeesOnlyItsPartOnSqlServer()
    {
        var d = await Data();
        var chain = await Settlements.ChainSetup.TwoStoresAsync(_api.Value, d);
        var maker = await Settlements.ChainSetup.ManufacturerAsync(d);
        await Settlements.ChainSetup.CompletedRepairAsync(_api.Value, d, maker);
        await Settlements.ChainSetup.CompletedRepairAsync(_api.Value, d, maker, chain.StoreB);

        var run = await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = Settlements.ChainSetup.Period() });
        var id = run.Str("id");

        run["stores"]!.AsArray().Select(s => s!["total"]!.GetValue<decimal>()).Should().Equal(80.50m, 80.50m);
        run["total"]!.GetValue<decimal>().Should().Be(161.00m);
        (await chain.FinanceA.GetOk($"/api/v1/settlements/runs/{id}"))["total"]!.GetValue<decimal>().Should().Be(80.50m);
        (await chain.FinanceA.GetOk($"/api/v1/settlements/runs/{id}/lines"))["items"]!.AsArray().Should().ContainSingle()
            .Which.Str("storeId").Should().Be(chain.StoreA);
        (await d.Finance.GetOk($"/api/v1/settlements/runs?storeId={chain.StoreB}"))["items"]!.AsArray().Select(r => r.Str("id")).Should().Contain(id);
        await (await chain.FinanceA.PostAsync($"/api/v1/settlements/runs/{id}/submit", null)).ShouldBeProblem(HttpStatusCode.Forbidden);
        var csv = await (await d.Finance.GetAsync($"/api/v1/settlements/runs/{id}/export?format=csv")).Content.ReadAsStringAsync();
        csv.Split('\n').Count(l => l.Contains(",Subtotal,")).Should().Be(2);
        var from = Uri.EscapeDataString(_api.Value.Clock.GetUtcNow().AddDays(-1).ToString("O"));
        var to = Uri.EscapeDataString(_api.Value.Clock.GetUtcNow().AddDays(1).ToString("O"));
        var report = await d.Finance.GetOk($"/api/v1/reports/stores?from={from}&to={to}");
        report["stores"]!.AsArray().Single(s => s.Str("storeId") == chain.StoreB)!["orders"]!["completed"]!.GetValue<long>().Should().Be(1);
    }

    [SqlServerFact]
    public async Task IntakeAssignAndTechnicianStepsWorkOnSqlServer()
    {
        var d = await Data();
        var order = await d.NewWorkOrder();
        var id = order.Str("id");

        await d.CompleteByTechnicianA(id, "Minor", 30);

        (await d.Manager.GetOk($"/api/v1/work-orders/{id}")).Str("status").Should().Be("Completed");
        (await d.Manager.GetOk($"/api/v1/work-orders/{id}/events"))["items"]!.AsArray().Should().HaveCount(6);
    }

    [SqlServerFact]
    public async Task ConcurrentCreatesGetDistinctNumbersAndPagingVisitsAll()
    {
        var d = await Data();
        var appliances = new List<(string, string)>();
        for (var i = 0; i < 10; i++) appliances.Add(await d.CustomerWithAppliance());

        var orders = await Task.WhenAll(appliances.Select(a => d.WorkOrder(a.Item1, a.Item2)));

        orders.Select(o => o.Str("number")).Should().OnlyHaveUniqueItems();
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await d.Manager.GetOk("/api/v1/work-orders?pageSize=4" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page["items"]!.AsArray().Select(o => o.Str("id")));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        seen.Should().OnlyHaveUniqueItems().And.Contain(orders.Select(o => o.Str("id")));
    }

    [SqlServerFact]
    public async Task DuplicateIntakeIsRefusedOnSqlServer()
    {
        var d = await Data();
        var (customer, appliance) = await d.CustomerWithAppliance();
        await d.WorkOrder(customer, appliance);

        var again = await d.FrontDesk.PostAsync("/api/v1/work-orders", TestData.Json(new
        {
            type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "again", priority = "Normal",
        }));

        await again.ShouldBeProblem(HttpStatusCode.Conflict);
    }

    public void Dispose()
    {
        if (_api.IsValueCreated) _api.Value.Dispose();
        GC.SuppressFinalize(this);
    }
}
