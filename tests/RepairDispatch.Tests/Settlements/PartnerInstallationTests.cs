using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Settlements;

/// <summary>An installation done by an installer partner: the office records its steps; the fee is split into payout and management fee.</summary>
public class PartnerInstallationTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static DateOnly Today() => TestData.StationToday();

    private sealed record Station(TestData D, string Maker, string Partner);

    /// <summary>A manufacturer paying 120.00 per washing-machine installation and a partner at 0.25 since a year ago.</summary>
    private async Task<Station> StationWithPartner()
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
            agreementFrom = Today().AddYears(-1).ToString("yyyy-MM-dd"),
        })).Str("id");
        return new Station(d, maker, partner);
    }

    private static async Task<string> NewInstallation(Station s)
    {
        var (customer, appliance) = await s.D.CustomerWithAppliance(Today(), manufacturerId: s.Maker);
        return (await s.D.WorkOrder(customer, appliance, type: "Installation")).Str("id");
    }

    /// <summary>The office assigns the partner and reports its steps; returns the order's charges.</summary>
    private static async Task<JsonObject> DoneByThePartner(Station s, string id)
    {
        await s.D.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { installerPartnerId = s.Partner }, HttpStatusCode.OK);
        foreach (var step in new[] { "accept", "depart", "arrive" })
            await s.D.FrontDesk.PostOk($"/api/v1/work-orders/{id}/partner/{step}", new { }, HttpStatusCode.OK);
        await s.D.FrontDesk.PostOk($"/api/v1/work-orders/{id}/partner/complete", new { mainPart = false, labourMinutes = 90 }, HttpStatusCode.OK);
        return await s.D.Finance.GetOk($"/api/v1/work-orders/{id}/charges");
    }

    [Fact]
    public async Task PartnerInstallationSplitsTheFeeAndLandsInThePartnersRun()
    {
        var s = await StationWithPartner();

        var money = await DoneByThePartner(s, await NewInstallation(s));

        money["manufacturerClaim"]!.GetValue<decimal>().Should().Be(120.00m);
        money["partnerPayout"]!.GetValue<decimal>().Should().Be(90.00m);
        money["managementFee"]!.GetValue<decimal>().Should().Be(30.00m);
        var run = await s.D.Finance.PostOk("/api/v1/settlements/runs", new { installerPartnerId = s.Partner, period = Today().ToString("yyyy-MM") });
        run["lineCount"]!.GetValue<long>().Should().Be(1);
        run["total"]!.GetValue<decimal>().Should().Be(90.00m);
    }

    [Fact]
    public async Task AnOrderKeepsThePartnerRateOfItsCreationDayAfterANewRateStarts()
    {
        var s = await StationWithPartner();
        var lastWeek = await NewInstallation(s);
        await using (var c = await api.Db.OpenAsync()) // the order was taken a week ago, before the new rate
            await c.ExecuteAsync("UPDATE work_orders SET created_at = @At WHERE id = @Id",
                new { At = api.Clock.GetUtcNow().AddDays(-7), Id = Guid.Parse(lastWeek) });

        var newRate = await s.D.Manager.PostOk($"/api/v1/installer-partners/{s.Partner}/rates",
            new { managementFeeRate = 0.20m, validFrom = Today().ToString("yyyy-MM-dd") });
        var today = await NewInstallation(s);

        var oldOrder = await DoneByThePartner(s, lastWeek);
        var newOrder = await DoneByThePartner(s, today);
        oldOrder["managementFee"]!.GetValue<decimal>().Should().Be(30.00m, "0.25 of 120.00 applied when it was created");
        oldOrder["partnerPayout"]!.GetValue<decimal>().Should().Be(90.00m);
        newOrder["managementFee"]!.GetValue<decimal>().Should().Be(24.00m, "0.20 of 120.00 from today");
        newOrder["partnerPayout"]!.GetValue<decimal>().Should().Be(96.00m);
        newRate["managementFeeRate"]!.GetValue<decimal>().Should().Be(0.20m);
        var versions = (await s.D.Finance.GetOk($"/api/v1/installer-partners/{s.Partner}/rates"))["items"]!.AsArray();
        versions.Select(v => v!["managementFeeRate"]!.GetValue<decimal>()).Should().Equal(0.25m, 0.20m);
        versions[0]!.Str("validTo").Should().Be(Today().ToString("yyyy-MM-dd"));
        (await s.D.Finance.GetOk($"/api/v1/installer-partners/{s.Partner}"))["managementFeeRate"]!.GetValue<decimal>().Should().Be(0.20m);
    }

    [Fact]
    public async Task RateChangesAreAppendOnlyBoundedAndForManagersOnly()
    {
        var s = await StationWithPartner();
        var rates = $"/api/v1/installer-partners/{s.Partner}/rates";
        string Day(int days) => Today().AddDays(days).ToString("yyyy-MM-dd");

        await (await s.D.Manager.PostAsJsonAsync(rates, new { managementFeeRate = 0.22m, validFrom = Day(-2) })).ShouldBeProblem(HttpStatusCode.BadRequest, "validFrom");
        await (await s.D.Manager.PostAsJsonAsync(rates, new { managementFeeRate = 0.31m, validFrom = Day(1) })).ShouldBeProblem(HttpStatusCode.BadRequest, "managementFeeRate");
        await (await s.D.Manager.PostAsJsonAsync(rates, new { managementFeeRate = 0.22345m, validFrom = Day(1) })).ShouldBeProblem(HttpStatusCode.BadRequest, "managementFeeRate");
        await (await s.D.FrontDesk.PostAsJsonAsync(rates, new { managementFeeRate = 0.22m, validFrom = Day(1) })).ShouldBeProblem(HttpStatusCode.Forbidden);
        await s.D.Manager.PostOk(rates, new { managementFeeRate = 0.22m, validFrom = Day(10) });
        await (await s.D.Manager.PostAsJsonAsync(rates, new { managementFeeRate = 0.23m, validFrom = Day(5) })).ShouldBeProblem(HttpStatusCode.Conflict);
        await (await s.D.Manager.PostAsJsonAsync($"/api/v1/installer-partners/{Guid.NewGuid()}/rates", new { managementFeeRate = 0.23m, validFrom = Day(20) }))
            .ShouldBeProblem(HttpStatusCode.NotFound);

        var versions = (await s.D.Finance.GetOk(rates))["items"]!.AsArray();
        versions.Select(v => v!["managementFeeRate"]!.GetValue<decimal>()).Should().Equal(0.25m, 0.22m);
        (await s.D.Finance.GetOk($"/api/v1/installer-partners/{s.Partner}"))["managementFeeRate"]!.GetValue<decimal>()
            .Should().Be(0.25m, "the new rate starts in ten days");
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
