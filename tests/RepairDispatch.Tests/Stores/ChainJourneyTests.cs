using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Settlements;
using RepairDispatch.Tests.SqlServer;
using RepairDispatch.Tests.Stock;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Stores;

/// <summary>
/// Issue 16's "done when", on whichever database the factory runs: two shops and a warehouse; a shop's desk cannot see
/// the other shop; an order routed by district, transferred, served by a lent technician with a part requested from the
/// warehouse, shipped and received; and the chain's monthly run with per-store subtotals.
/// </summary>
public static class ChainJourney
{
    public static async Task RunAsync(ApiFactory api, TestData d)
    {
        var key = Guid.NewGuid().ToString("N")[..6];
        var today = TestData.StationToday();
        var districtB = "徐汇-" + key;
        var maker = await ContractedMaker(d);

        // Two shops (the station's A and a new B serving 徐汇) and the central warehouse, each with its people.
        var storeB = (await d.Admin.PostOk("/api/v1/stores", new
        {
            code = "XH-" + key, name = "徐汇店", city = "上海", address = "漕溪路 88 号", districts = new[] { districtB },
        })).Str("id");
        var warehouse = (await d.Admin.PostOk("/api/v1/stores", new
        {
            code = "WH-" + key, name = "总部中心仓", city = "上海", address = "仓库路 1 号", kind = "Warehouse",
        })).Str("id");
        async Task<HttpClient> Person(string name, string role, string? store, string? technician = null)
        {
            await d.Admin.PostOk("/api/v1/users", new { username = name + key, password = ApiFactory.UserPassword, role, storeId = store, technicianId = technician });
            return await api.ClientAs(name + key);
        }
        var deskB = await Person("desk-b-", "frontdesk", storeB);
        var managerB = await Person("mgr-b-", "manager", storeB);
        var warehouseClerk = await Person("wh-", "frontdesk", warehouse);
        var hqManager = await Person("hq-mgr-", "manager", null);
        var hqFinance = await Person("hq-fin-", "finance", null);
        var lent = (await d.Admin.PostOk("/api/v1/technicians", new
        {
            storeId = storeB, code = "XH-T-" + key, name = "徐汇师傅", phone = "13800000002", skills = new[] { "WashingMachine" },
            workDays = new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" },
        })).Str("id");
        var lentPhone = await Person("tech-b-", "technician", storeB, lent);

        // A's desk takes a call from a customer in 徐汇: the order goes to B, and A's desk no longer sees it.
        var (customer, appliance) = await d.CustomerWithAppliance(today.AddMonths(-6), manufacturerId: maker);
        var order = await d.FrontDesk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "不脱水",
            address = new { district = districtB, street = "天钥桥路 1 号" },
        });
        var id = order.Str("id");
        order.Str("storeId").Should().Be(storeB, "the order goes to the shop serving the district");
        await (await d.FrontDesk.GetAsync($"/api/v1/work-orders/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await deskB.GetOk($"/api/v1/work-orders/{id}")).Str("storeId").Should().Be(storeB);
        var ofA = (await d.NewWorkOrder()).Str("id");
        await (await deskB.GetAsync($"/api/v1/work-orders/{ofA}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await deskB.GetOk("/api/v1/work-orders?pageSize=100"))["items"]!.AsArray().Should().NotContain(o => o.Str("id") == ofA);

        // B is short-handed that day: headquarters moves the order back to A, and lends B's technician to A.
        var moved = await hqManager.PostOk($"/api/v1/work-orders/{id}/transfer", new { toStoreId = d.StoreId, reason = "徐汇店当日人手不足" }, HttpStatusCode.OK);
        moved.Str("storeId").Should().Be(d.StoreId);
        await (await deskB.GetAsync($"/api/v1/work-orders/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await managerB.PostOk($"/api/v1/technicians/{lent}/loans", new { toStoreId = d.StoreId, from = today, to = today.AddDays(2) });
        await d.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = lent }, HttpStatusCode.OK);
        foreach (var step in new[] { "accept", "depart" }) (await lentPhone.PostAsync($"/api/v1/mobile/jobs/{id}/{step}", null)).EnsureSuccessStatusCode();
        (await TestData.Arrive(lentPhone, id)).EnsureSuccessStatusCode();

        // On site the pump is missing: the technician asks the warehouse for one for his van; it is approved, shipped, received.
        var pump = await StockSetup.NewPart(d, "排水泵", cost: 45m);
        await StockSetup.Receive(warehouseClerk, warehouse, pump, 5, unitCost: 45m);
        await lentPhone.PostOk($"/api/v1/mobile/jobs/{id}/await-parts", new { parts = new[] { new { partId = pump, qty = 1 } } }, HttpStatusCode.OK);
        var request = (await lentPhone.PostOk("/api/v1/parts-requests", new
        {
            fromLocationId = warehouse, toLocationId = lent, lines = new[] { new { partId = pump, qty = 1 } }, workOrderId = id,
        })).Str("id");
        await hqManager.PostOk($"/api/v1/parts-requests/{request}/approve", null, HttpStatusCode.OK);
        var arrives = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await warehouseClerk.PostOk($"/api/v1/parts-requests/{request}/ship", new { expectedOn = arrives }, HttpStatusCode.OK);
        var waiting = (await d.FrontDesk.GetOk($"/api/v1/work-orders/{id}"))["partsRequests"]!.AsArray().Single()!;
        (waiting.Str("status"), waiting.Str("expectedOn")).Should().Be(("Shipped", arrives), "A's desk tells the customer when the part comes");
        (await lentPhone.PostOk($"/api/v1/parts-requests/{request}/receive", null, HttpStatusCode.OK)).Str("status").Should().Be("Received");
        (await StockSetup.OnHand(hqManager, warehouse, pump)).Should().Be(4);
        (await StockSetup.OnHand(hqManager, lent, pump)).Should().Be(1);

        (await lentPhone.PostAsync($"/api/v1/mobile/jobs/{id}/depart", null)).EnsureSuccessStatusCode();
        (await TestData.Arrive(lentPhone, id)).EnsureSuccessStatusCode();
        await lentPhone.PostOk($"/api/v1/mobile/jobs/{id}/complete", StockSetup.Completion(pump, 1), HttpStatusCode.OK);
        (await StockSetup.OnHand(hqManager, lent, pump)).Should().Be(0, "the job used the pump from his van");

        // A repair of B's own, completed by the same technician on B's side after the loan, and the chain's monthly run.
        await managerB.PostOk($"/api/v1/technicians/{lent}/loans/{(await managerB.GetOk($"/api/v1/technicians/{lent}/loans"))["items"]![0].Str("id")}/end",
            null, HttpStatusCode.OK);
        var (customerB, applianceB) = await d.CustomerWithAppliance(today.AddMonths(-6), manufacturerId: maker);
        var ofB = (await deskB.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customerB, applianceId = applianceB, faultDescription = "门锁坏",
            address = new { district = districtB, street = "1 号" },
        })).Str("id");
        await managerB.PostOk($"/api/v1/work-orders/{ofB}/assign", new { technicianId = lent }, HttpStatusCode.OK);
        foreach (var step in new[] { "accept", "depart" }) (await lentPhone.PostAsync($"/api/v1/mobile/jobs/{ofB}/{step}", null)).EnsureSuccessStatusCode();
        (await TestData.Arrive(lentPhone, ofB)).EnsureSuccessStatusCode();
        await lentPhone.PostOk($"/api/v1/mobile/jobs/{ofB}/complete", new { repairLevel = "Minor", mainPart = false, labourMinutes = 20 }, HttpStatusCode.OK);

        var run = await hqFinance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = ChainSetup.Period() });
        var stores = run["stores"]!.AsArray();
        stores.Select(s => s.Str("storeId")).Should().BeEquivalentTo([d.StoreId, storeB]);
        stores.Sum(s => s!["total"]!.GetValue<decimal>()).Should().Be(run["total"]!.GetValue<decimal>(), "the subtotals add up to the run");
        stores.Single(s => s.Str("storeId") == storeB)!["total"]!.GetValue<decimal>().Should().Be(80.50m);
        var csv = Encoding.UTF8.GetString(await (await hqFinance.GetAsync($"/api/v1/settlements/runs/{run.Str("id")}/export?format=csv&lang=zh")).Content.ReadAsByteArrayAsync());
        csv.Split('\n').Count(l => l.Contains("小计")).Should().Be(2, "one subtotal per store");
        await (await deskB.GetAsync($"/api/v1/settlements/runs/{run.Str("id")}")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    /// <summary>A manufacturer whose headquarters contract pays 80.50 for a minor repair and 120 for a part replacement, in every store.</summary>
    private static async Task<string> ContractedMaker(TestData d)
    {
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "小天鹅 " + Guid.NewGuid().ToString("N")[..8] })).Str("id");
        await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", new
        {
            validFrom = TestData.StationToday().AddYears(-1).ToString("yyyy-MM-dd"), categories = new[] { "WashingMachine" },
            fees = new
            {
                repair = new[]
                {
                    new { category = "WashingMachine", level = "Minor", amount = 80.50m },
                    new { category = "WashingMachine", level = "PartReplacement", amount = 120m },
                },
                partsReimbursement = "AtCost",
            },
        });
        return maker;
    }
}

public class ChainJourneyTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task TwoShopsAndAWarehouseRouteTransferLendSupplyAndSettleAsOneChain() =>
        await ChainJourney.RunAsync(api, await api.Data.ReadyAsync());
}

public sealed class ChainJourneyOnSqlServerTests : IDisposable
{
    private readonly Lazy<SqlServerFactory> _api = new(() => new SqlServerFactory());

    [SqlServerFact]
    public async Task TheChainJourneyRunsOnSqlServer() => await ChainJourney.RunAsync(_api.Value, await _api.Value.Data.ReadyAsync());

    public void Dispose()
    {
        if (_api.IsValueCreated) _api.Value.Dispose();
        GC.SuppressFinalize(this);
    }
}
