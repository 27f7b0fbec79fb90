using System.Net;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.WorkOrders;

public class ListWorkOrdersTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task CursorPagingVisitsEveryOrderExactlyOnceNewestFirst()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId) = await d.CustomerWithAppliance();
        var created = new List<string>();
        for (var i = 0; i < 7; i++) created.Add((await d.WorkOrder(customerId, applianceId, allowDuplicate: true)).Str("id"));

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await d.FrontDesk.GetOk($"/api/v1/work-orders?customerId={customerId}&pageSize=3" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page["items"]!.AsArray().Select(o => o.Str("id")));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);

        seen.Should().Equal(Enumerable.Reverse(created));
    }

    [Fact]
    public async Task FiltersByStatusAndTechnician()
    {
        var d = await api.Data.ReadyAsync();
        var assigned = (await d.NewWorkOrder()).Str("id");
        await d.Manager.PostOk($"/api/v1/work-orders/{assigned}/assign", new { technicianId = d.TechnicianB }, HttpStatusCode.OK);

        var page = await d.Manager.GetOk($"/api/v1/work-orders?status=Assigned&technicianId={d.TechnicianB}");

        page["items"]!.AsArray().Select(o => o.Str("id")).Should().Contain(assigned);
        page["items"]!.AsArray().Should().OnlyContain(o => o.Str("status") == "Assigned" && o.Str("technicianId") == d.TechnicianB);
    }

    [Fact]
    public async Task AStoresListWithOrWithoutAStatusPagesLikeTheChainWideListOfThatStore()
    {
        // A named store (and status) takes its own statement (ListWorkOrders.OneStore…); it must answer what the catch-all does.
        var d = await api.Data.ReadyAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await d.NewWorkOrder()).Str("id"));
        await d.Manager.PostOk($"/api/v1/work-orders/{ids[1]}/assign", new { technicianId = d.TechnicianB }, HttpStatusCode.OK);

        var chainNew = (await All(d.Admin, "status=New")).Where(o => o.Store == d.StoreId).Select(o => o.Id).ToList();
        var chainAll = (await All(d.Admin, "")).Where(o => o.Store == d.StoreId).Select(o => o.Id).ToList();

        var deskNew = (await All(d.FrontDesk, "status=New")).Select(o => o.Id).ToList();
        deskNew.Should().Equal(chainNew).And.Contain(ids.Where((_, i) => i != 1)).And.NotContain(ids[1]);
        (await All(d.Admin, $"storeId={d.StoreId}&status=New")).Select(o => o.Id).Should().Equal(chainNew);
        (await All(d.FrontDesk, "")).Select(o => o.Id).Should().Equal(chainAll).And.Contain(ids);
        (await All(d.Admin, $"storeId={d.StoreId}&status=Assigned")).Select(o => o.Id).Should().Contain(ids[1]).And.NotContain(ids[0]);
    }

    private static async Task<List<(string Id, string Store)>> All(HttpClient client, string query)
    {
        var seen = new List<(string, string)>();
        string? cursor = null;
        do
        {
            var page = await client.GetOk($"/api/v1/work-orders?pageSize=2&{query}" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page["items"]!.AsArray().Select(o => (o.Str("id"), o.Str("storeId"))));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);
        return seen;
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=500", "pageSize")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task BadPagingParametersAre400NamingTheParameter(string query, string field)
    {
        var d = await api.Data.ReadyAsync();

        await (await d.FrontDesk.GetAsync("/api/v1/work-orders?" + query)).ShouldBeProblem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task UnknownStatusFilterIs400()
    {
        var d = await api.Data.ReadyAsync();

        await (await d.FrontDesk.GetAsync("/api/v1/work-orders?status=Flying")).ShouldBeProblem(HttpStatusCode.BadRequest);
    }
}
