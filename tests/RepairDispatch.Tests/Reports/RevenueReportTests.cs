using System.Net;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Settlements;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Reports;

public class RevenueReportTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task RevenueIsSplitBySourceAndAddsUpToTheCharges()
    {
        var d = await api.Data.ReadyAsync();
        await SettlementRunTests.ManufacturerWithCompletedOrders(d, "Minor", "Major");
        var (customer, appliance) = await d.CustomerWithAppliance(purchaseDate: null);
        var id = (await d.WorkOrder(customer, appliance)).Str("id");
        await d.CompleteByTechnicianA(id, "Minor", 45);
        var from = Uri.EscapeDataString(api.Clock.GetUtcNow().AddDays(-1).ToString("O"));
        var to = Uri.EscapeDataString(api.Clock.GetUtcNow().AddDays(1).ToString("O"));

        var report = await d.Finance.GetOk($"/api/v1/reports/revenue?from={from}&to={to}");

        var lines = report["lines"]!.AsArray().ToDictionary(l => l.Str("source"), l => l!["amount"]!.GetValue<decimal>());
        lines["ManufacturerRepairFees"].Should().Be(230.50m, "80.50 + 150.00 under the contract");
        lines["CustomerRepairs"].Should().Be(110.00m, "two started half hours at 40.00 and the 30.00 on-site fee");
        report["total"]!.GetValue<decimal>().Should().Be(340.50m);
    }

    [Fact]
    public async Task ReportNeedsAPeriodAndTheFinanceRole()
    {
        var d = await api.Data.ReadyAsync();

        await (await d.Finance.GetAsync("/api/v1/reports/revenue")).ShouldBeProblem(HttpStatusCode.BadRequest, "from");
        await (await d.TechA.GetAsync("/api/v1/reports/revenue?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}
