using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Settlements;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Statements;

/// <summary>A month of claims, the manufacturer's statement about them imported, and the reconciliation read through the API.</summary>
public class ReconciliationTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static string Period => TestData.StationToday().ToString("yyyy-MM");

    private sealed class ClaimRow
    {
        public string Number { get; init; } = "";
        public Guid WorkOrderId { get; init; }
        public DateTimeOffset CompletedAt { get; init; }
        public long AmountFen { get; init; }
    }

    [Fact]
    public async Task EachLineGetsItsOutcomeAndOurClaimedTotalIsExplainedToTheFen()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await SettlementRunTests.ManufacturerWithCompletedOrders(d, "Minor", "Major", "Minor", "Major");
        var (customer, appliance) = await SerialNumbered(d, maker, "SN-" + Guid.NewGuid().ToString("N")[..10]);
        await d.CompleteByTechnicianA((await d.WorkOrder(customer, appliance)).Str("id"), "Minor", 30);
        var run = (await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = Period })).Str("id");
        await d.Finance.PostOk($"/api/v1/settlements/runs/{run}/submit", null, HttpStatusCode.OK);
        var claims = await ClaimsOf(run);
        claims.Should().HaveCount(5);
        var serial = await SerialOf(appliance);
        var serialOrder = Guid.Parse(await WorkOrderOf(appliance));
        var bySerial = claims.Single(c => c.WorkOrderId == serialOrder);
        var (exact, cut, rejected, missing) = (claims.Where(c => c != bySerial).ElementAt(0), claims.Where(c => c != bySerial).ElementAt(1),
            claims.Where(c => c != bySerial).ElementAt(2), claims.Where(c => c != bySerial).ElementAt(3));
        static decimal Yuan(long fen) => fen / 100m;
        var day = TestData.StationDayOf(bySerial.CompletedAt).ToString("yyyy年M月d日");

        var put = await d.Finance.PutAsJsonAsync($"/api/v1/manufacturers/{maker}/statement-mapping", TestStatements.Mapping());
        put.EnsureSuccessStatusCode();
        var file = TestStatements.Xlsx(TestStatements.Portal(
            [1, exact.Number, "HR1", null, null, Yuan(exact.AmountFen), Yuan(exact.AmountFen), null, null, "通过"],
            [2, cut.Number, "HR2", null, null, Yuan(cut.AmountFen), "¥" + Yuan(cut.AmountFen - 1050), 10.5, "旧件未返厂", "通过"],
            [3, rejected.Number, "HR3", null, null, Yuan(rejected.AmountFen), 0, null, "机身条码无效", "驳回"],
            [4, null, "HR4", serial, day, Yuan(bySerial.AmountFen), Yuan(bySerial.AmountFen), null, null, "通过"],
            [5, exact.Number, "HR5", null, null, Yuan(exact.AmountFen), Yuan(exact.AmountFen), null, null, "通过"],
            [6, "WO-19990101-9999", "HR6", null, null, 50, 50, null, null, "通过"]), TestStatements.PortalMerges);
        var imported = await d.Finance.PostAsync("/api/v1/settlements/statements", TestStatements.Form(file, maker, Period));
        imported.StatusCode.Should().Be(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var id = (await imported.Json()).Str("id");

        var reconciliation = await d.Finance.GetOk($"/api/v1/settlements/statements/{id}/reconciliation?pageSize=200");

        var items = reconciliation["items"]!.AsArray();
        items.Select(i => (i.Str("outcome"), i!["workOrderNumber"]?.GetValue<string>())).Should().Equal(new (string, string?)[] {
            ("Matched", exact.Number), ("AmountDiffers", cut.Number), ("Rejected", rejected.Number), ("Matched", bySerial.Number),
            ("Duplicate", exact.Number), ("UnknownToUs", null), ("MissingOnTheirSide", missing.Number) });
        items[1]!["delta"]!.GetValue<decimal>().Should().Be(-10.50m);
        items[1]!["reasonCode"].Str("code").Should().Be("rejection.part-not-returned");
        items[1].Str("reason").Should().Be("旧件未返厂");
        items[2]!["reasonCode"].Str("code").Should().Be("rejection.invalid-serial");
        items[5].Str("theirRef").Should().Be("WO-19990101-9999");
        var totals = reconciliation["totals"]!;
        var ours = Yuan(claims.Sum(c => c.AmountFen));
        totals["ours"]!.GetValue<decimal>().Should().Be(ours);
        totals["theirs"]!.GetValue<decimal>().Should().Be(Yuan(exact.AmountFen * 2 + cut.AmountFen - 1050 + bySerial.AmountFen + 5000));
        totals["missingOnTheirSide"]!["ours"]!.GetValue<decimal>().Should().Be(Yuan(missing.AmountFen));
        totals["unknownToUs"]!["theirs"]!.GetValue<decimal>().Should().Be(50m);
        var identity = reconciliation["identity"]!;
        identity["ourClaimed"]!.GetValue<decimal>().Should().Be(ours);
        identity["theirCuts"]!.GetValue<decimal>().Should().Be(10.50m);
        identity["rejected"]!.GetValue<decimal>().Should().Be(Yuan(rejected.AmountFen));
        identity["unexplained"]!.GetValue<decimal>().Should().Be(0m);
        identity["holds"]!.GetValue<bool>().Should().BeTrue();

        var onlyCuts = await d.Finance.GetOk($"/api/v1/settlements/statements/{id}/reconciliation?outcome=AmountDiffers");
        onlyCuts["items"]!.AsArray().Should().ContainSingle();
        var firstPage = await d.Manager.GetOk($"/api/v1/settlements/statements/{id}/reconciliation?pageSize=4");
        var secondPage = await d.Manager.GetOk($"/api/v1/settlements/statements/{id}/reconciliation?pageSize=4&cursor={firstPage.Str("nextCursor")}");
        firstPage["items"]!.AsArray().Concat(secondPage["items"]!.AsArray()).Select(i => i!["row"]?.GetValue<int>())
            .Should().Equal(5, 6, 7, 8, 9, 10, null);
        secondPage["nextCursor"].Should().BeNull();
        await (await d.Finance.GetAsync($"/api/v1/settlements/statements/{Guid.NewGuid()}/reconciliation")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    internal static async Task<(string Customer, string Appliance)> SerialNumbered(TestData d, string maker, string serial)
    {
        var phone = "137" + Random.Shared.Next(10_000_000, 99_999_999);
        var customer = (await d.FrontDesk.PostOk("/api/v1/customers", new
        {
            name = "Customer " + phone, phones = new[] { phone }, addresses = new[] { new { district = "Pudong", street = "1 Century Avenue" } },
        })).Str("id");
        var appliance = (await d.FrontDesk.PostOk($"/api/v1/customers/{customer}/appliances", new
        {
            category = "WashingMachine", manufacturerId = maker, model = "XQG100", serialNumber = serial,
            purchaseDate = TestData.StationToday().AddMonths(-2).ToString("yyyy-MM-dd"),
        })).Str("id");
        return (customer, appliance);
    }

    private async Task<List<ClaimRow>> ClaimsOf(string run)
    {
        await using var c = await api.Db.OpenAsync();
        return [.. await c.QueryAsync<ClaimRow>("""
            SELECT wo.number, wo.id AS work_order_id, wo.completed_at, SUM(sl.amount_fen) AS amount_fen
            FROM settlement_lines sl JOIN work_orders wo ON wo.id = sl.work_order_id
            WHERE sl.run_id = @Run GROUP BY wo.number, wo.id, wo.completed_at ORDER BY wo.number
            """, new { Run = run })];
    }

    private async Task<string> SerialOf(string appliance)
    {
        await using var c = await api.Db.OpenAsync();
        return await c.ExecuteScalarAsync<string>("SELECT serial_number FROM appliances WHERE id = @Id", new { Id = appliance }) ?? "";
    }

    private async Task<string> WorkOrderOf(string appliance)
    {
        await using var c = await api.Db.OpenAsync();
        return (await c.ExecuteScalarAsync<Guid>("SELECT id FROM work_orders WHERE appliance_id = @Id", new { Id = appliance })).ToString();
    }
}
