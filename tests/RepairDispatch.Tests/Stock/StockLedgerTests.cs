using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Stock;

/// <summary>Stock through its ledger: receipts, adjustments, the old count route, reorder points, scope, and completion's issues.</summary>
public class StockLedgerTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task ReceiptsAndAdjustmentsAreLedgerRowsAndOnHandIsTheirSum()
    {
        var d = await api.Data.ReadyAsync();
        var part = await StockSetup.NewPart(d);
        var first = await StockSetup.Receive(d.FrontDesk, d.StoreId, part, 10, unitCost: 28.50m, reference: "DN-2026-001");
        first["lines"]![0]!["unitCost"]!.GetValue<decimal>().Should().Be(28.50m);
        var again = await StockSetup.Receive(d.FrontDesk, d.StoreId, part, 10, reference: "DN-2026-001", expected: HttpStatusCode.OK);
        again.Str("id").Should().Be(first.Str("id"), "the same delivery note at the same store is the same receipt");

        var adjusted = await d.Manager.PostOk("/api/v1/stock/adjustments", new { locationId = d.StoreId, partId = part, qtyDelta = -3, reason = "damaged" },
            HttpStatusCode.OK);
        adjusted["onHand"]!.GetValue<long>().Should().Be(7);
        adjusted.Str("locationKind").Should().Be("Store");
        var tooMany = await (await d.Manager.PostAsJsonAsync("/api/v1/stock/adjustments",
            new { locationId = d.StoreId, partId = part, qtyDelta = -8, reason = "lost" })).ShouldBeProblem(HttpStatusCode.Conflict);
        tooMany.Str("partId").Should().Be(part);
        tooMany.Str("detail").Should().Contain("Door seal").And.Contain("7");

        (await StockSetup.OnHand(d.FrontDesk, d.StoreId, part)).Should().Be(7);
        (await StockSetup.Movements(api, d.StoreId, part)).Should().Equal(("Receipt", 10L), ("Adjustment", -3L));
        var movements = (await d.Manager.GetOk($"/api/v1/stock/movements?locationId={d.StoreId}&partId={part}&pageSize=1"));
        movements["items"]![0].Str("kind").Should().Be("Adjustment");
        movements["items"]![0].Str("reason").Should().Be("damaged");
        movements["items"]![0].Str("actorUserId").Should().NotBeNullOrEmpty();
        var next = await d.Manager.GetOk($"/api/v1/stock/movements?locationId={d.StoreId}&partId={part}&pageSize=1&cursor={movements.Str("nextCursor")}");
        next["items"]![0].Str("kind").Should().Be("Receipt");
        await StockSetup.LedgerMatchesBalances(api);
    }

    [Fact]
    public async Task TheOldCountRouteRecordsTheDifferenceAsAnAdjustment()
    {
        var d = await api.Data.ReadyAsync();
        var part = await StockSetup.NewPart(d);
        await StockSetup.Receive(d.FrontDesk, d.StoreId, part, 6);
        (await d.Manager.PutAsJsonAsync($"/api/v1/parts/{part}/stock/{d.StoreId}", new { quantity = 4 })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await StockSetup.Movements(api, d.StoreId, part)).Should().Equal(("Receipt", 6L), ("Adjustment", -2L));
        (await StockSetup.OnHand(d.Manager, d.StoreId, part)).Should().Be(4);
        await StockSetup.LedgerMatchesBalances(api);
    }

    [Fact]
    public async Task ReorderPointsSuggestReplenishmentUntilARequestIsOnItsWay()
    {
        var d = await api.Data.ReadyAsync();
        var part = await StockSetup.NewPart(d);
        await StockSetup.Receive(d.FrontDesk, d.StoreId, part, 2);
        var set = await d.Manager.PutAsJsonAsync("/api/v1/stock/reorder-points", new { locationId = d.StoreId, partId = part, reorderPoint = 5 });
        set.StatusCode.Should().Be(HttpStatusCode.OK);
        (await set.Json())["reorderPoint"]!.GetValue<long>().Should().Be(5);

        var suggested = (await d.Manager.GetOk($"/api/v1/stock/replenishment?locationId={d.StoreId}"))["lines"]!.AsArray();
        suggested.Single()!["qty"]!.GetValue<long>().Should().Be(8, "from 2 on hand up to twice the reorder point");

        var other = (await d.Admin.PostOk("/api/v1/stores", new { code = "WH-R", name = "总仓", city = "上海", address = "仓库路 1 号" })).Str("id");
        await d.FrontDesk.PostOk("/api/v1/parts-requests", new { fromLocationId = other, toLocationId = d.StoreId, lines = new[] { new { partId = part, qty = 8 } } });
        (await d.Manager.GetOk($"/api/v1/stock/replenishment?locationId={d.StoreId}"))["lines"]!.AsArray()
            .Should().BeEmpty("eight are asked for already");
    }

    [Fact]
    public async Task AnotherStoresStockAndVansAreNotFound()
    {
        var d = await api.Data.ReadyAsync();
        var storeB = (await d.Admin.PostOk("/api/v1/stores", new { code = "S-SB", name = "北店", city = "上海", address = "北京西路 1 号" })).Str("id");
        await d.Admin.PostOk("/api/v1/users", new { username = "stock-desk-b", password = ApiFactory.UserPassword, role = "frontdesk", storeId = storeB });
        var deskB = await api.ClientAs("stock-desk-b");

        await (await deskB.GetAsync($"/api/v1/stock?locationId={d.StoreId}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await deskB.GetAsync($"/api/v1/stock?locationId={d.TechnicianA}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await deskB.GetAsync($"/api/v1/stock/movements?locationId={d.StoreId}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await deskB.GetOk($"/api/v1/stock?partId={d.PartId}"))["items"]!.AsArray().Should().BeEmpty("store B holds none and sees no other store");
        (await d.Manager.GetOk($"/api/v1/stock?partId={d.PartId}"))["items"]!.AsArray().Select(i => i.Str("locationId")).Should().Contain(d.StoreId);
    }

    [Fact]
    public async Task CompletionTakesFromTheVanFirstThenTheStore()
    {
        var d = await api.Data.ReadyAsync();
        var part = await StockSetup.NewPart(d);
        await StockSetup.Receive(d.FrontDesk, d.StoreId, part, 5);
        await StockSetup.Receive(d.Admin, d.TechnicianA, part, 1);
        var id = await StockSetup.OnSiteForTechnicianA(d);

        (await d.TechA.PostOk($"/api/v1/mobile/jobs/{id}/complete", StockSetup.Completion(part, 3), HttpStatusCode.OK)).Str("status").Should().Be("Completed");

        (await StockSetup.Movements(api, d.TechnicianA, part)).Should().Equal(("Receipt", 1L), ("IssueToJob", -1L));
        (await StockSetup.Movements(api, d.StoreId, part)).Should().Equal(("Receipt", 5L), ("IssueToJob", -2L));
        (await StockSetup.OnHand(d.Manager, d.TechnicianA, part)).Should().Be(0);
        (await StockSetup.OnHand(d.Manager, d.StoreId, part)).Should().Be(3);
        await StockSetup.LedgerMatchesBalances(api);
    }

    [Fact]
    public async Task APartInNeitherVanNorStoreIs409NamingItAndNothingIsWritten()
    {
        var d = await api.Data.ReadyAsync();
        var part = await StockSetup.NewPart(d, name: "Heater element");
        await StockSetup.Receive(d.Admin, d.TechnicianA, part, 1);
        var id = await StockSetup.OnSiteForTechnicianA(d);
        var movementsBefore = await d.CountRows("stock_movements");

        var problem = await (await d.TechA.PostAsJsonAsync($"/api/v1/mobile/jobs/{id}/complete", StockSetup.Completion(part, 2)))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        problem.Str("partId").Should().Be(part);
        problem.Str("detail").Should().Contain("Heater element");
        problem["inVan"]!.GetValue<long>().Should().Be(1);
        problem["inStore"]!.GetValue<long>().Should().Be(0);

        (await d.CountRows("stock_movements")).Should().Be(movementsBefore, "the van's one was not taken either");
        (await d.CountRowsOf("work_order_parts", id)).Should().Be(0);
        (await d.Manager.GetOk($"/api/v1/work-orders/{id}")).Str("status").Should().Be("OnSite");
    }

    [Fact]
    public async Task AStoresStockValueCountsItsVansAtThePartsCost()
    {
        var d = await api.Data.ReadyAsync();
        var store = (await d.Admin.PostOk("/api/v1/stores", new { code = "S-VAL", name = "东店", city = "上海", address = "东方路 1 号" })).Str("id");
        var technician = (await d.Admin.PostOk("/api/v1/technicians", new { storeId = store, code = "T-VAL", name = "Van", phone = "13800000001", skills = new[] { "Tv" } })).Str("id");
        var part = await StockSetup.NewPart(d, cost: 30m);
        await StockSetup.Receive(d.Admin, store, part, 2, unitCost: 25m);
        await StockSetup.Receive(d.Admin, technician, part, 1);

        await using var c = await api.Db.OpenAsync();
        var value = (await RepairDispatch.Api.Stock.StockValuation.ByStoreAsync(c, null, Guid.Parse(store))).Single();
        (value.StoreId, value.Units, value.ValueFen).Should().Be((Guid.Parse(store), 3L, 9000L), "three at the catalogue cost of 30.00");
    }
}
