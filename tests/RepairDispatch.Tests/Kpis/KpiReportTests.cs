using System.Net;
using System.Text.Json.Nodes;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Kpis;

/// <summary>
/// Every figure of docs/kpis.md on one small history built through the API, with the expected values worked out
/// below (times: minutes on the fixture's clock; the clock pauses while awaiting parts).
/// </summary>
public class KpiReportTests(KpiFixture api) : IClassFixture<KpiFixture>
{
    [Fact]
    public async Task EachFigureOfAHandBuiltHistoryIsWhatTheDefinitionsSay()
    {
        var d = await api.Data.ReadyAsync();
        var h = new KpiHistory(api, d);
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "KPI maker" })).Str("id");
        var start = api.Clock.GetUtcNow();

        // A: first visit fix. Assigned after 30, on site after 90, completed after 120 minutes; 30 labour minutes.
        var a = await h.Repair(maker);
        h.Wait(30); await h.Assign(a);
        h.Wait(60); await h.Arrive(a);
        h.Wait(30); var doneA = h.Now; await h.Complete(a, 30);
        // B: a second visit. Assigned after 10, on site after 60, awaiting parts after 80, a day (1,440 min) paused,
        // on the road again and on site 30 later, completed 30 after that: 80 + 30 + 30 = 140 minutes to complete.
        var b = await h.Repair(maker);
        h.Wait(10); await h.Assign(b);
        h.Wait(50); await h.Arrive(b);
        h.Wait(20); await h.AwaitParts(b);
        h.Wait(1440); await h.Return(b);
        h.Wait(30);
        h.Wait(30); var doneB = h.Now; await h.Complete(b, 45);
        // C: fixed at the first visit, but reworked the next day. 5 to assign, 30 on site, 45 to complete; 20 labour minutes.
        var c = await h.Repair(maker);
        h.Wait(5); await h.Assign(c);
        h.Wait(25); await h.Arrive(c);
        h.Wait(15); var doneC = h.Now; await h.Complete(c, 20);
        h.Wait(1440);
        await h.Rework(c); // R: created, never assigned
        await h.Callback(a, 5);
        await h.Callback(b, 4);
        await h.Complaint(c);

        var report = await d.Manager.GetOk(Url(start, $"&manufacturerId={maker}"));

        var g = report["groups"]!.AsArray().Single()!;
        g.Str("key").Should().Be("total");
        g.Int("orders").Should().Be(4, "A, B, C and the rework R were created");
        g.Int("completed").Should().Be(3);
        g.Dec("firstTimeFixRate").Should().Be(0.3333m, "only A of the three repairs: B needed a second visit, C a rework");
        g.Dec("repeatRepairRate").Should().Be(0.3333m, "C of three");
        Percentiles(g, "assignMinutes").Should().Be((10, 30), "of 5, 10, 30 (R never assigned): ranks ⌈1.5⌉ = 2 and ⌈2.7⌉ = 3");
        Percentiles(g, "onSiteMinutes").Should().Be((60, 90), "of 30, 60, 90");
        Percentiles(g, "completeMinutes").Should().Be((120, 140), "of 45, 120, 140 (B's 1,440 paused minutes do not count)");
        g["slaCompliance"]!.Dec("assign").Should().Be(1m, "three within 4 h; R not decided (no deadline passed, none reached)");
        g["slaCompliance"]!.Dec("onSite").Should().Be(1m);
        g["slaCompliance"]!.Dec("complete").Should().Be(1m);
        g["satisfaction"]!.Dec("average").Should().Be(4.5m, "(5 + 4) / 2");
        g["satisfaction"]!.Int("responses").Should().Be(2);
        g.Dec("complaintRate").Should().Be(33.33m, "one complaint per three completed orders, per 100");
        var techDays = new[] { doneA, doneB, doneC }.Select(TestData.StationDayOf).Distinct().Count();
        g.Dec("jobsPerTechnicianDay").Should().Be(Math.Round(3m / techDays, 2));
        g.Dec("utilisation").Should().Be(Math.Round(95m / (techDays * 570), 4), "30 + 45 + 20 labour minutes over 08:30–18:00 shifts");
        g["revenue"]!.Dec("customerRepairs").Should().Be(250m, "70 + 110 + 70: started half hours at 40.00 and the 30.00 on-site fee");
        g["claimFirstPassRate"].Should().BeNull("no claim was settled");
        g["oldPartsOnTimeRate"].Should().BeNull("no old part was due");
        var window = $"from={Uri.EscapeDataString(start.AddDays(-1).ToString("O"))}&to={Uri.EscapeDataString(h.Now.AddDays(1).ToString("O"))}";
        var revenue = await d.Finance.GetOk($"/api/v1/reports/revenue?{window}");
        var all = (await d.Manager.GetOk(Url(start, "")))["groups"]![0]!;
        all["revenue"]!.Dec("total").Should().Be(revenue["total"]!.GetValue<decimal>(), "the same split as the revenue report, over every order");
    }

    [Fact]
    public async Task GroupsAreKeyedByTheirDayWeekMonthStoreTechnicianOrCategory()
    {
        var d = await api.Data.ReadyAsync();
        var h = new KpiHistory(api, d);
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "KPI groups" })).Str("id");
        var start = api.Clock.GetUtcNow();
        var a = await h.Repair(maker);
        await h.Assign(a); await h.Arrive(a); await h.Complete(a, 30);
        var b = await h.Repair(maker);
        await h.Assign(b, d.TechnicianB); await h.Arrive(b, d.TechB); await h.Complete(b, 30, d.TechB);
        var day = TestData.StationDayOf(h.Now);

        async Task<string[]> Keys(string groupBy) =>
            [.. (await d.Manager.GetOk(Url(start, $"&manufacturerId={maker}&groupBy={groupBy}")))["groups"]!.AsArray().Select(x => x!.Str("key"))];

        (await Keys("day")).Should().Equal(day.ToString("yyyy-MM-dd"));
        (await Keys("month")).Should().Equal(day.ToString("yyyy-MM"));
        (await Keys("week")).Should().Equal($"{System.Globalization.ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue))}-W{System.Globalization.ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)):00}");
        (await Keys("store")).Should().Equal(d.StoreId);
        (await Keys("technician")).Should().BeEquivalentTo(d.TechnicianA, d.TechnicianB);
        (await Keys("category")).Should().Equal("WashingMachine");
        var onlyB = await d.Manager.GetOk(Url(start, $"&manufacturerId={maker}&technicianId={d.TechnicianB}"));
        onlyB["groups"]![0]!.Int("completed").Should().Be(1);
    }

    [Fact]
    public async Task ATechnicianSeesOnlyHisOwnFiguresAndAStoreManagerOnlyHisStore()
    {
        var d = await api.Data.ReadyAsync();
        var h = new KpiHistory(api, d);
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "KPI scope" })).Str("id");
        var start = api.Clock.GetUtcNow();
        var a = await h.Repair(maker);
        await h.Assign(a); await h.Arrive(a); await h.Complete(a, 30);
        var from = TestData.StationDayOf(start).AddDays(-1).ToString("yyyy-MM-dd");
        var to = TestData.StationDayOf(h.Now).AddDays(1).ToString("yyyy-MM-dd");

        var mineA = await d.TechA.GetOk($"/api/v1/mobile/kpis?from={from}&to={to}");
        var mineB = await d.TechB.GetOk($"/api/v1/mobile/kpis?from={from}&to={to}");
        var allA = await d.Manager.GetOk($"/api/v1/reports/kpis?from={from}&to={to}&technicianId={d.TechnicianA}");

        mineA["groups"]![0]!.Int("completed").Should().Be(allA["groups"]![0]!.Int("completed")).And.BeGreaterThan(0);
        (mineB["groups"]!.AsArray().Select(x => x!.Int("completed")).Sum()).Should().Be(
            (await d.Manager.GetOk($"/api/v1/reports/kpis?from={from}&to={to}&technicianId={d.TechnicianB}"))["groups"]!.AsArray().Select(x => x!.Int("completed")).Sum(),
            "B's own, never A's");
        await (await d.TechA.GetAsync($"/api/v1/reports/kpis?from={from}&to={to}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await d.Manager.GetAsync($"/api/v1/reports/kpis?from={from}&to={to}&storeId={Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.BadRequest, "storeId");
        (await d.Finance.GetOk($"/api/v1/reports/kpis?from={from}&to={to}&storeId={d.StoreId}"))["groups"]!.AsArray().Should().NotBeEmpty("headquarters filters by store");
    }

    [Theory]
    [InlineData("", "from")]
    [InlineData("from=2026-06-10", "to")]
    [InlineData("from=2026-06-10&to=2026-06-09", "to")]
    [InlineData("from=2024-01-01&to=2026-06-10", "to")]
    [InlineData("from=2026-06-01&to=2026-06-10&groupBy=year", "groupBy")]
    [InlineData("from=2026-06-01&to=2026-06-10&category=Boat", "category")]
    public async Task AQuestionWithoutAPeriodOrWithAnUnknownGroupingIsRefusedNamingTheField(string query, string field)
    {
        var d = await api.Data.ReadyAsync();
        await (await d.Manager.GetAsync("/api/v1/reports/kpis?" + query)).ShouldBeProblem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task TheTechniciansRouteGroupsOnlyByTime()
    {
        var d = await api.Data.ReadyAsync();
        await (await d.TechA.GetAsync("/api/v1/mobile/kpis?from=2026-06-01&to=2026-06-10&groupBy=technician")).ShouldBeProblem(HttpStatusCode.BadRequest, "groupBy");
        (await d.TechA.GetOk("/api/v1/mobile/kpis?from=2026-06-01&to=2026-06-10&groupBy=week"))["groupBy"]!.GetValue<string>().Should().Be("week");
    }

    private string Url(DateTimeOffset start, string rest) =>
        $"/api/v1/reports/kpis?from={TestData.StationDayOf(start).AddDays(-1):yyyy-MM-dd}&to={TestData.StationDayOf(api.Clock.GetUtcNow()).AddDays(1):yyyy-MM-dd}{rest}";

    private static (int?, int?) Percentiles(JsonNode g, string name) =>
        (g[name]!["p50"]?.GetValue<int>(), g[name]!["p90"]?.GetValue<int>());
}

/// <summary>A station whose clock moves by days between steps: tokens outlive the moves.</summary>
public sealed class KpiFixture : ApiFactory
{
    public TestData Data { get; }
    public KpiFixture() => Data = new TestData(this);

    protected override IDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings) { ["RepairDispatch:Auth:AccessTokenMinutes"] = "10000000" };
}

internal static class KpiJson
{
    public static int Int(this JsonNode n, string name) => n[name]!.GetValue<int>();
    public static decimal Dec(this JsonNode n, string name) => n[name]!.GetValue<decimal>();
}
