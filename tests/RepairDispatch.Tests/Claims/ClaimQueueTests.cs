using System.Net;
using System.Text.Json.Nodes;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;
using static RepairDispatch.Tests.Claims.ClaimSetup;

namespace RepairDispatch.Tests.Claims;

/// <summary>Finance's queue: by deadline (none last), filtered, paged by cursor, scoped to the caller's store. Its own station.</summary>
public class ClaimQueueTests(StationFixture api) : IClassFixture<StationFixture>
{
    private sealed record Queue(TestData D, string[] Makers, string[] Orders);

    // xUnit makes a class instance per test; the queue is built once per station.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<StationFixture, Task<Queue>> Queues = new();

    private Task<Queue> QueueAsync() => Queues.GetValue(api, _ => BuildAsync());

    /// <summary>Four claims completed today: due in 10 days, in 5, none, and in 20 days with a photo missing.</summary>
    private async Task<Queue> BuildAsync()
    {
        var d = await api.Data.ReadyAsync();
        object?[] rules =
        [
            new { submitWithinDays = 10 }, new { submitWithinDays = 5 }, null,
            new { submitWithinDays = 20, evidence = new[] { new { type = "Repair", kinds = new[] { "Invoice" } } } },
        ];
        var makers = new List<string>();
        var orders = new List<string>();
        foreach (var rule in rules)
        {
            makers.Add(await MakerWithRules(d, rule));
            orders.Add(await CompletedOrderOf(d, makers[^1]));
        }
        return new Queue(d, [.. makers], [.. orders]);
    }

    private static IEnumerable<string> Orders(JsonObject page) => page["items"]!.AsArray().Select(i => i.Str("workOrderId"));

    [Fact]
    public async Task ClaimsAreListedByDeadlineWithThoseWithoutOneLastAndPagedByCursor()
    {
        var q = await QueueAsync();
        var today = TestData.StationToday();

        var all = await q.D.Finance.GetOk("/api/v1/claims");
        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await q.D.Finance.GetOk("/api/v1/claims?pageSize=1" + (cursor is null ? "" : "&cursor=" + cursor));
            paged.AddRange(Orders(page));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);

        Orders(all).Should().Equal(q.Orders[1], q.Orders[0], q.Orders[3], q.Orders[2]);
        all["items"]!.AsArray().Select(i => i!["claimBy"]?.GetValue<string>()).Should().Equal(
            today.AddDays(5).ToString("yyyy-MM-dd"), today.AddDays(10).ToString("yyyy-MM-dd"), today.AddDays(20).ToString("yyyy-MM-dd"), null);
        paged.Should().Equal(Orders(all));
    }

    [Fact]
    public async Task TheQueueFiltersByStateAndManufacturer()
    {
        var q = await QueueAsync();

        var notReady = await q.D.Finance.GetOk("/api/v1/claims?state=NotReady");
        var ofOne = await q.D.Finance.GetOk($"/api/v1/claims?manufacturerId={q.Makers[0]}&state=Ready");
        var none = await q.D.Finance.GetOk($"/api/v1/claims?manufacturerId={q.Makers[3]}&state=Ready");

        Orders(notReady).Should().Equal(q.Orders[3]);
        notReady["items"]![0].Str("manufacturerId").Should().Be(q.Makers[3]);
        Orders(ofOne).Should().Equal(q.Orders[0]);
        Orders(none).Should().BeEmpty();
        await (await q.D.Finance.GetAsync("/api/v1/claims?state=Paid")).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task StoreStaffSeeTheirStoreAndHeadquartersChoose()
    {
        var q = await QueueAsync();
        var otherStore = (await q.D.Admin.PostOk("/api/v1/stores", new { code = "S-" + Guid.NewGuid().ToString("N")[..4], name = "二店", city = "上海", address = "张江路 1 号" })).Str("id");
        var hqUser = "finance-hq-" + Guid.NewGuid().ToString("N")[..6];
        await q.D.Admin.PostOk("/api/v1/users", new { username = hqUser, password = ApiFactory.UserPassword, role = "finance" });
        var headquarters = await api.ClientAs(hqUser);

        var everyStore = await headquarters.GetOk("/api/v1/claims");
        var ours = await headquarters.GetOk($"/api/v1/claims?storeId={q.D.StoreId}");
        var theirs = await headquarters.GetOk($"/api/v1/claims?storeId={otherStore}");
        var storeFinance = await q.D.User("finance-store-" + Guid.NewGuid().ToString("N")[..6], "finance");
        var storeBound = await storeFinance.GetAsync($"/api/v1/claims?storeId={otherStore}");

        Orders(everyStore).Should().HaveCount(4);
        Orders(ours).Should().HaveCount(4);
        Orders(theirs).Should().BeEmpty();
        everyStore["items"]!.AsArray().Should().OnlyContain(i => i.Str("storeId") == q.D.StoreId);
        await storeBound.ShouldBeProblem(HttpStatusCode.BadRequest, "storeId");
        await (await q.D.FrontDesk.GetAsync("/api/v1/claims")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await q.D.TechA.GetAsync("/api/v1/claims")).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await q.D.Manager.GetOk("/api/v1/claims"))["items"]!.AsArray().Should().HaveCount(4, "managers run settlements too");
    }
}
