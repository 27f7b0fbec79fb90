using System.Net;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.WorkOrders;

/// <summary>A chain: front desk staff of one store neither see nor touch another store's orders; headquarters sees all.</summary>
public class StoreScopeTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task FrontDeskOfAnotherStoreGets404AndAnEmptyList()
    {
        var d = await api.Data.ReadyAsync();
        var order = await d.NewWorkOrder();
        var otherStore = (await d.Admin.PostOk("/api/v1/stores", new { code = "SH2", name = "Xuhui store", city = "Shanghai", address = "88 Caoxi Road" })).Str("id");
        await d.Admin.PostOk("/api/v1/users", new { username = "desk-xuhui", password = ApiFactory.UserPassword, role = "frontdesk", storeId = otherStore });
        var otherDesk = await api.ClientAs("desk-xuhui");

        await (await otherDesk.GetAsync($"/api/v1/work-orders/{order.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await otherDesk.PostAsync($"/api/v1/work-orders/{order.Str("id")}/cancel", TestData.Json(new { reason = "not mine" })))
            .ShouldBeProblem(HttpStatusCode.NotFound);
        (await otherDesk.GetOk("/api/v1/work-orders"))["items"]!.AsArray().Should().BeEmpty();
        (await d.Admin.GetOk($"/api/v1/work-orders/{order.Str("id")}")).Str("status").Should().Be("New");
    }
}
