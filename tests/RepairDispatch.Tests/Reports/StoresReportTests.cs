using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Reports;

/// <summary>Headquarters' stores side by side, on a small history whose numbers are worked out by hand below.</summary>
public class StoresReportTests(StationFixture api) : IClassFixture<StationFixture>
{
    private async Task Sql(string sql, string id)
    {
        await using var c = await api.Db.OpenAsync();
        await c.ExecuteAsync(sql, new { Id = Guid.Parse(id), At = api.Clock.GetUtcNow() });
    }

    private static JsonNode Row(JsonObject report, string store) => report["stores"]!.AsArray().Single(s => s.Str("storeId") == store)!;

    private static (long, long, decimal?) Deadline(JsonNode row, string name)
    {
        var d = row["slaCompliance"]![name]!;
        return (d["met"]!.GetValue<long>(), d["missed"]!.GetValue<long>(), d["rate"]?.GetValue<decimal>());
    }

    [Fact]
    public async Task StoresSideBySideCountOrdersSlaAndRevenue()
    {
        var d = await api.Data.ReadyAsync();
        var key = Guid.NewGuid().ToString("N")[..4];
        var storeB = (await d.Admin.PostOk("/api/v1/stores", new { code = "ZB-" + key, name = "徐汇店", city = "上海", address = "漕溪路 88 号" })).Str("id");
        var storeC = (await d.Admin.PostOk("/api/v1/stores", new { code = "ZC-" + key, name = "闵行店", city = "上海", address = "莘庄 1 号" })).Str("id");

        // Store A: o1 done in minutes (every deadline met, the customer pays 110.00: two started half hours at 40.00 and the
        // 30.00 on-site fee); o2 never assigned and its assign deadline already past (missed; the other two still running);
        // o3 cancelled (created, but neither open nor in the SLA figures).
        var o1 = (await d.NewWorkOrder()).Str("id");
        await d.CompleteByTechnicianA(o1, "Minor", 45);
        var o2 = (await d.NewWorkOrder()).Str("id");
        await Sql("UPDATE work_orders SET assign_by = created_at WHERE id = @Id", o2);
        var o3 = (await d.NewWorkOrder()).Str("id");
        await d.FrontDesk.PostOk($"/api/v1/work-orders/{o3}/cancel", new { reason = "客户自行修好" }, HttpStatusCode.OK);
        // Store B: o4 completed after its complete-by (assign and on-site met; 110.00); o5 taken two days ago, still open.
        var o4 = (await d.NewWorkOrder()).Str("id");
        await d.CompleteByTechnicianA(o4, "Minor", 45);
        await Sql("UPDATE work_orders SET complete_by = created_at WHERE id = @Id", o4);
        var o5 = (await d.NewWorkOrder()).Str("id");
        foreach (var id in new[] { o4, o5 }) await Sql($"UPDATE work_orders SET store_id = '{storeB}' WHERE id = @Id", id);
        await using (var c = await api.Db.OpenAsync())
            await c.ExecuteAsync("UPDATE work_orders SET created_at = @At WHERE id = @Id", new { Id = Guid.Parse(o5), At = api.Clock.GetUtcNow().AddDays(-2) });
        var from = Uri.EscapeDataString(api.Clock.GetUtcNow().AddHours(-1).ToString("O"));
        var to = Uri.EscapeDataString(api.Clock.GetUtcNow().AddHours(1).ToString("O"));

        var report = await d.Finance.GetOk($"/api/v1/reports/stores?from={from}&to={to}");

        report["stores"]!.AsArray().Select(s => s.Str("storeId")).Should().Equal(d.StoreId, storeB, storeC);
        var a = Row(report, d.StoreId);
        a["orders"]!.ToJsonString().Should().Be("""{"created":3,"completed":1,"open":1}""");
        Deadline(a, "assign").Should().Be((1L, 1L, 0.5m));
        Deadline(a, "onSite").Should().Be((1L, 0L, 1m));
        Deadline(a, "complete").Should().Be((1L, 0L, 1m));
        a["revenueTotal"]!.GetValue<decimal>().Should().Be(110.00m);
        a["revenue"]!.AsArray().Single(r => r.Str("source") == "CustomerRepairs")!["amount"]!.GetValue<decimal>().Should().Be(110.00m);
        a["stockValue"].Should().BeNull("the stock ledger's valuation is not wired in yet");
        var b = Row(report, storeB);
        b["orders"]!.ToJsonString().Should().Be("""{"created":1,"completed":1,"open":1}""");
        Deadline(b, "assign").Should().Be((1L, 0L, 1m));
        Deadline(b, "complete").Should().Be((0L, 1L, 0m));
        b["revenueTotal"]!.GetValue<decimal>().Should().Be(110.00m);
        var c3 = Row(report, storeC);
        c3["orders"]!.ToJsonString().Should().Be("""{"created":0,"completed":0,"open":0}""");
        Deadline(c3, "onSite").Should().Be((0L, 0L, (decimal?)null));
        c3["revenueTotal"]!.GetValue<decimal>().Should().Be(0m);

        // A store's finance sees his own store only; headquarters chooses with storeId.
        await d.Admin.PostOk("/api/v1/users", new { username = "fin-b-" + key, password = ApiFactory.UserPassword, role = "finance", storeId = storeB });
        var financeB = await api.ClientAs("fin-b-" + key);
        var ofB = await financeB.GetOk($"/api/v1/reports/stores?from={from}&to={to}");
        ofB["stores"]!.AsArray().Select(s => s.Str("storeId")).Should().Equal(storeB);
        Row(ofB, storeB).ToJsonString().Should().Be(b.ToJsonString());
        await (await financeB.GetAsync($"/api/v1/reports/stores?from={from}&to={to}&storeId={d.StoreId}")).ShouldBeProblem(HttpStatusCode.BadRequest, "storeId");
        (await d.Finance.GetOk($"/api/v1/reports/stores?from={from}&to={to}&storeId={storeB}"))["stores"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task TheReportNeedsAPeriodAndAFinanceRole()
    {
        var d = await api.Data.ReadyAsync();

        await (await d.Finance.GetAsync("/api/v1/reports/stores?to=2026-12-01T00:00:00Z")).ShouldBeProblem(HttpStatusCode.BadRequest, "from");
        await (await d.Finance.GetAsync("/api/v1/reports/stores?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z")).ShouldBeProblem(HttpStatusCode.BadRequest, "to");
        await (await d.FrontDesk.GetAsync("/api/v1/reports/stores?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }
}
