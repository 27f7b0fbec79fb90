using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Settlements;

/// <summary>An installation done by an installer partner: the office records its steps; the fee is split into payout and management fee.</summary>
public class PartnerInstallationTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static DateOnly Today() => TestData.StationToday();

    [Fact]
    public async Task PartnerInstallationSplitsTheFeeAndLandsInThePartnersRun()
    {
        var d = await api.Data.ReadyAsync();
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "美的 " + Guid.NewGuid().ToString("N")[..6] })).Str("id");
        await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", new
        {
            validFrom = Today().AddYears(-1).ToString("yyyy-MM-dd"), categories = new[] { "WashingMachine" },
            fees = new { installation = new[] { new { category = "WashingMachine", amount = 120m } }, partsReimbursement = "AtCost" },
        });
        var partner = (await d.Manager.PostOk("/api/v1/installer-partners", new
        {
            name = "浦东安装网点 " + Guid.NewGuid().ToString("N")[..4], categories = new[] { "WashingMachine" }, managementFeeRate = 0.25m,
        })).Str("id");
        var (customer, appliance) = await d.CustomerWithAppliance(Today(), manufacturerId: maker);
        var id = (await d.WorkOrder(customer, appliance, type: "Installation")).Str("id");

        await d.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { installerPartnerId = partner }, HttpStatusCode.OK);
        foreach (var step in new[] { "accept", "depart", "arrive" })
            await d.FrontDesk.PostOk($"/api/v1/work-orders/{id}/partner/{step}", new { }, HttpStatusCode.OK);
        await d.FrontDesk.PostOk($"/api/v1/work-orders/{id}/partner/complete", new { mainPart = false, labourMinutes = 90 }, HttpStatusCode.OK);

        var money = await d.Finance.GetOk($"/api/v1/work-orders/{id}/charges");
        money["manufacturerClaim"]!.GetValue<decimal>().Should().Be(120.00m);
        money["partnerPayout"]!.GetValue<decimal>().Should().Be(90.00m);
        money["managementFee"]!.GetValue<decimal>().Should().Be(30.00m);
        var run = await d.Finance.PostOk("/api/v1/settlements/runs", new { installerPartnerId = partner, period = Today().ToString("yyyy-MM") });
        run["lineCount"]!.GetValue<long>().Should().Be(1);
        run["total"]!.GetValue<decimal>().Should().Be(90.00m);
    }

    [Fact]
    public async Task TheOfficeCannotReportStepsOfATechniciansJob()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");
        await d.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = d.TechnicianA }, HttpStatusCode.OK);

        var response = await d.FrontDesk.PostAsync($"/api/v1/work-orders/{id}/partner/accept", null);

        await response.ShouldBeProblem(HttpStatusCode.Conflict);
        (await d.FrontDesk.GetOk($"/api/v1/work-orders/{id}")).Str("status").Should().Be("Assigned");
    }
}
