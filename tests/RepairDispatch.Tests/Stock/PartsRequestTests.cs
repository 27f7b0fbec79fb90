using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Stock;

/// <summary>Parts requests (备件申领) from the warehouse to a van: decided, shipped, received, and what the waiting order shows.</summary>
public class PartsRequestTests(StationFixture api) : IClassFixture<StationFixture>
{
    private async Task<(string Warehouse, HttpClient WarehouseDesk)> Warehouse(TestData d, string code)
    {
        var warehouse = (await d.Admin.PostOk("/api/v1/stores", new { code, name = "总仓 " + code, city = "上海", address = "仓库路 1 号" })).Str("id");
        await d.Admin.PostOk("/api/v1/users", new { username = "wh-" + code, password = ApiFactory.UserPassword, role = "frontdesk", storeId = warehouse });
        return (warehouse, await api.ClientAs("wh-" + code));
    }

    [Fact]
    public async Task AWaitingOrdersPartIsRequestedApprovedShippedReceivedAndUsed()
    {
        var d = await api.Data.ReadyAsync();
        var (warehouse, warehouseDesk) = await Warehouse(d, "WH-1");
        var part = await StockSetup.NewPart(d, "Motor belt");
        await StockSetup.Receive(warehouseDesk, warehouse, part, 10, unitCost: 12m);
        var order = await StockSetup.OnSiteForTechnicianA(d);
        await d.TechA.PostOk($"/api/v1/mobile/jobs/{order}/await-parts", new { parts = new[] { new { partId = part, qty = 2 } } }, HttpStatusCode.OK);

        var asked = await d.TechA.PostOk("/api/v1/parts-requests", new
        {
            fromLocationId = warehouse, toLocationId = d.TechnicianA, lines = new[] { new { partId = part, qty = 2 } }, workOrderId = order,
        });
        asked.Str("status").Should().Be("Requested");
        var id = asked.Str("id");
        var onOrder = (await d.FrontDesk.GetOk($"/api/v1/work-orders/{order}"))["partsRequests"]!.AsArray().Single()!;
        (onOrder.Str("id"), onOrder.Str("status")).Should().Be((id, "Requested"));

        await (await warehouseDesk.PostAsync($"/api/v1/parts-requests/{id}/ship", JsonContent.Create(new { expectedOn = "2999-01-01" })))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        (await d.Manager.PostOk($"/api/v1/parts-requests/{id}/approve", null, HttpStatusCode.OK)).Str("status").Should().Be("Approved");
        (await warehouseDesk.GetOk($"/api/v1/stock?locationId={warehouse}&partId={part}"))["items"]![0]!["reserved"]!.GetValue<long>().Should().Be(2);
        await (await d.FrontDesk.PostAsync($"/api/v1/parts-requests/{id}/ship", JsonContent.Create(new { expectedOn = "2999-01-01" })))
            .ShouldBeProblem(HttpStatusCode.Forbidden);

        var expectedOn = TestData.StationToday().AddDays(2).ToString("yyyy-MM-dd");
        var shipped = await warehouseDesk.PostOk($"/api/v1/parts-requests/{id}/ship", new { expectedOn }, HttpStatusCode.OK);
        (shipped.Str("status"), shipped.Str("expectedOn")).Should().Be(("Shipped", expectedOn));
        (await StockSetup.OnHand(warehouseDesk, warehouse, part)).Should().Be(8);
        onOrder = (await d.FrontDesk.GetOk($"/api/v1/work-orders/{order}"))["partsRequests"]!.AsArray().Single()!;
        (onOrder.Str("status"), onOrder.Str("expectedOn")).Should().Be(("Shipped", expectedOn), "the desk tells the customer when the part comes");

        await (await d.TechB.PostAsync($"/api/v1/parts-requests/{id}/receive", null)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await d.TechA.PostOk($"/api/v1/parts-requests/{id}/receive", null, HttpStatusCode.OK)).Str("status").Should().Be("Received");
        (await StockSetup.Movements(api, warehouse, part)).Should().Equal(("Receipt", 10L), ("TransferOut", -2L));
        (await StockSetup.Movements(api, d.TechnicianA, part)).Should().Equal(("TransferIn", 2L));

        (await d.TechA.PostAsync($"/api/v1/mobile/jobs/{order}/depart", null)).EnsureSuccessStatusCode();
        (await TestData.Arrive(d.TechA, order)).EnsureSuccessStatusCode();
        await d.TechA.PostOk($"/api/v1/mobile/jobs/{order}/complete", StockSetup.Completion(part, 2), HttpStatusCode.OK);
        (await StockSetup.OnHand(d.Manager, d.TechnicianA, part)).Should().Be(0, "the job used the two from the van");
        await StockSetup.LedgerMatchesBalances(api);
    }

    [Fact]
    public async Task ShippingMoreThanTheWarehouseHoldsIs409NamingThePartAndNothingMoves()
    {
        var d = await api.Data.ReadyAsync();
        var (warehouse, warehouseDesk) = await Warehouse(d, "WH-2");
        var (belt, hose) = (await StockSetup.NewPart(d, "Belt"), await StockSetup.NewPart(d, "Inlet hose"));
        await StockSetup.Receive(warehouseDesk, warehouse, belt, 5);
        await StockSetup.Receive(warehouseDesk, warehouse, hose, 1);
        var id = (await d.FrontDesk.PostOk("/api/v1/parts-requests", new
        {
            fromLocationId = warehouse, toLocationId = d.StoreId, lines = new[] { new { partId = belt, qty = 2 }, new { partId = hose, qty = 3 } },
        })).Str("id");
        await d.Manager.PostOk($"/api/v1/parts-requests/{id}/approve", null, HttpStatusCode.OK);

        var problem = await (await warehouseDesk.PostAsync($"/api/v1/parts-requests/{id}/ship",
            JsonContent.Create(new { expectedOn = TestData.StationToday().AddDays(1).ToString("yyyy-MM-dd") }))).ShouldBeProblem(HttpStatusCode.Conflict);
        problem.Str("partId").Should().Be(hose);
        problem.Str("detail").Should().Contain("Inlet hose");
        (await StockSetup.Movements(api, warehouse, belt)).Should().Equal(("Receipt", 5L));
        (await warehouseDesk.GetOk($"/api/v1/parts-requests/{id}")).Str("status").Should().Be("Approved");
    }

    [Fact]
    public async Task ARejectedRequestGoesNoFurtherAndAnotherStoreDoesNotSeeIt()
    {
        var d = await api.Data.ReadyAsync();
        var (warehouse, _) = await Warehouse(d, "WH-3");
        var (_, deskB) = await Warehouse(d, "SB-3");
        var id = (await d.TechA.PostOk("/api/v1/parts-requests", new
        {
            fromLocationId = warehouse, toLocationId = d.TechnicianA, lines = new[] { new { partId = d.PartId, qty = 1 } },
        })).Str("id");

        await (await deskB.GetAsync($"/api/v1/parts-requests/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await deskB.GetOk("/api/v1/parts-requests"))["items"]!.AsArray().Should().BeEmpty();
        await (await deskB.PostAsJsonAsync("/api/v1/parts-requests", new
        {
            fromLocationId = warehouse, toLocationId = d.StoreId, lines = new[] { new { partId = d.PartId, qty = 1 } },
        })).ShouldBeProblem(HttpStatusCode.NotFound);
        (await d.TechB.GetOk("/api/v1/parts-requests"))["items"]!.AsArray().Should().BeEmpty("another technician's van");

        var rejected = await d.Manager.PostOk($"/api/v1/parts-requests/{id}/reject", new { reason = "用旧件修复" }, HttpStatusCode.OK);
        (rejected.Str("status"), rejected.Str("rejectReason")).Should().Be(("Rejected", "用旧件修复"));
        var again = await (await d.Manager.PostAsync($"/api/v1/parts-requests/{id}/approve", null)).ShouldBeProblem(HttpStatusCode.Conflict);
        again.Str("currentStatus").Should().Be("Rejected");
        (await d.TechA.GetOk("/api/v1/parts-requests?status=Rejected"))["items"]!.AsArray().Select(r => r.Str("id")).Should().Equal(id);
    }
}
