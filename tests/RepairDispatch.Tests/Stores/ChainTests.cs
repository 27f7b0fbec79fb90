using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Stores;

/// <summary>A chain: stores with districts, orders routed and transferred between them, technicians lent, one customer archive.</summary>
public class ChainTests(StationFixture api) : IClassFixture<StationFixture>
{
    private sealed record Shop(string Id, HttpClient Desk, HttpClient Manager);

    /// <summary>A second shop serving the given districts, with a front desk and a manager of its own.</summary>
    private async Task<Shop> ShopServing(params string[] districts)
    {
        var d = await api.Data.ReadyAsync();
        var code = "C" + Guid.NewGuid().ToString("N")[..6];
        var id = (await d.Admin.PostOk("/api/v1/stores", new { code, name = "徐汇店", city = "上海", address = "漕溪路 88 号", districts })).Str("id");
        foreach (var role in new[] { "frontdesk", "manager" })
            await d.Admin.PostOk("/api/v1/users", new { username = $"{code}-{role}", password = ApiFactory.UserPassword, role, storeId = id });
        return new Shop(id, await api.ClientAs($"{code}-frontdesk"), await api.ClientAs($"{code}-manager"));
    }

    private static string District() => "D-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<JsonObject> OrderAt(HttpClient desk, string customerId, string applianceId, string district, DateOnly? day = null)
    {
        var from = day is { } d ? new DateTimeOffset(d.Year, d.Month, d.Day, 10, 0, 0, TimeSpan.FromHours(8)) : (DateTimeOffset?)null;
        return await desk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId, applianceId, faultDescription = "Drum does not spin", allowDuplicate = true,
            address = new { district, street = "1 Road" }, appointment = from is null ? null : new { from, to = from.Value.AddHours(2) },
        });
    }

    private static async Task<List<string>> Kinds(HttpClient client, string orderId) =>
        (await client.GetOk($"/api/v1/work-orders/{orderId}/events"))["items"]!.AsArray().Select(e => e.Str("kind")).ToList();

    [Fact]
    public async Task AStoreShowsItsKindDistrictsAndLanguageAndADistrictBelongsToOneStore()
    {
        var d = await api.Data.ReadyAsync();
        var (xuhui, minhang) = (District(), District());
        var created = await d.Admin.PostAsJsonAsync("/api/v1/stores", new
        {
            code = "W" + Guid.NewGuid().ToString("N")[..6], name = "中心仓", city = "上海", address = "1 号", kind = "Warehouse", districts = new[] { xuhui, minhang, xuhui }, language = "en",
        });
        var store = await created.Json();
        var id = store.Str("id");

        (store.Str("kind"), store.Str("language")).Should().Be(("Warehouse", "en"));
        store["districts"]!.AsArray().Select(x => x!.GetValue<string>()).Should().BeEquivalentTo([xuhui, minhang]);
        (await d.Admin.GetOk("/api/v1/stores"))["items"]!.AsArray().Single(s => s.Str("id") == id)!["districts"]!.AsArray().Should().HaveCount(2);
        var taken = await (await d.Admin.PostAsJsonAsync("/api/v1/stores", new
        {
            code = "X" + Guid.NewGuid().ToString("N")[..6], name = "B", city = "C", address = "D", districts = new[] { xuhui.ToUpperInvariant() },
        })).ShouldBeProblem(HttpStatusCode.Conflict);
        taken.Str("detail").Should().Contain(xuhui);

        var etag = created.Headers.ETag!.Tag;
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/stores/{id}") { Content = JsonContent.Create(new { kind = "Store", districts = new[] { minhang } }) };
        patch.Headers.TryAddWithoutValidation("If-Match", etag);
        var patched = await d.Admin.SendAsync(patch);
        var edited = await patched.Json();
        (edited.Str("kind"), edited["districts"]!.AsArray().Single()!.GetValue<string>()).Should().Be(("Store", minhang));
        patched.Headers.ETag!.Tag.Should().NotBe(etag);
        (await d.Admin.PostOk("/api/v1/stores", new { code = "Y" + Guid.NewGuid().ToString("N")[..6], name = "B", city = "C", address = "D", districts = new[] { xuhui } }))
            ["districts"]!.AsArray().Should().HaveCount(1, "the district was given up by the edit");
    }

    [Fact]
    public async Task ANewOrderGoesToTheStoreServingItsDistrictElseTheIntakeStore()
    {
        var d = await api.Data.ReadyAsync();
        var district = District();
        var shop = await ShopServing(district);
        var (customer, appliance) = await d.CustomerWithAppliance();

        var routed = await OrderAt(d.FrontDesk, customer, appliance, district);
        var kept = await OrderAt(d.FrontDesk, customer, appliance, District());

        routed.Str("storeId").Should().Be(shop.Id);
        kept.Str("storeId").Should().Be(d.StoreId);
        (await Kinds(shop.Manager, routed.Str("id"))).Should().Equal("Created", "Routed");
        await (await d.FrontDesk.GetAsync($"/api/v1/work-orders/{routed.Str("id")}")).ShouldBeProblem(HttpStatusCode.NotFound);
        var warehouse = (await d.Admin.PostOk("/api/v1/stores", new { code = "WH" + Guid.NewGuid().ToString("N")[..5], name = "仓", city = "C", address = "D", kind = "Warehouse" })).Str("id");
        await (await d.Admin.PostAsJsonAsync("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "x", allowDuplicate = true, storeId = warehouse,
        })).ShouldBeProblem(HttpStatusCode.BadRequest, "storeId");
    }

    [Fact]
    public async Task ATransferMovesTheOrderWithItsHistoryReleasesTheTechnicianAndRenumbersIt()
    {
        var d = await api.Data.ReadyAsync();
        var shop = await ShopServing(District());
        var order = await d.NewWorkOrder();
        var id = order.Str("id");
        var assigned = await d.Manager.PostAsJsonAsync($"/api/v1/work-orders/{id}/assign", new { technicianId = d.TechnicianA });
        var warehouse = (await d.Admin.PostOk("/api/v1/stores", new { code = "WH" + Guid.NewGuid().ToString("N")[..5], name = "仓", city = "C", address = "D", kind = "Warehouse" })).Str("id");
        await (await d.Manager.PostAsJsonAsync($"/api/v1/work-orders/{id}/transfer", new { toStoreId = warehouse, reason = "x" })).ShouldBeProblem(HttpStatusCode.BadRequest, "toStoreId");
        await (await d.Manager.PostAsJsonAsync($"/api/v1/technicians/{d.TechnicianB}/loans", new
        {
            toStoreId = warehouse, from = TestData.StationToday().AddDays(1), to = TestData.StationToday().AddDays(1),
        })).ShouldBeProblem(HttpStatusCode.BadRequest, "toStoreId");
        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/work-orders/{id}/transfer")
            { Content = JsonContent.Create(new { toStoreId = shop.Id, reason = "客户搬家" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await d.Manager.SendAsync(stale)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        var transfer = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/work-orders/{id}/transfer")
            { Content = JsonContent.Create(new { toStoreId = shop.Id, reason = "客户搬家" }) };
        transfer.Headers.TryAddWithoutValidation("If-Match", assigned.Headers.ETag!.Tag);

        var moved = await (await d.Manager.SendAsync(transfer)).Json();

        (moved.Str("storeId"), moved.Str("status")).Should().Be((shop.Id, "New"));
        moved["technicianId"].Should().BeNull();
        moved.Str("number").Should().NotBe(order.Str("number"));
        await (await d.Manager.GetAsync($"/api/v1/work-orders/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await d.TechA.GetOk("/api/v1/mobile/jobs"))["items"]!.AsArray().Should().NotContain(j => j!["order"].Str("id") == id);
        var events = (await shop.Manager.GetOk($"/api/v1/work-orders/{id}/events"))["items"]!.AsArray();
        events.Select(e => e.Str("kind")).Should().Equal("Created", "Assign", "Transferred");
        events.Last()!.Str("reason").Should().Contain("客户搬家").And.Contain(order.Str("number"));
        (await shop.Manager.GetOk($"/api/v1/work-orders?storeId={shop.Id}"))["items"]!.AsArray().Should().Contain(o => o.Str("id") == id);
    }

    [Fact]
    public async Task ALentTechnicianServesTheBorrowingStoreOnTheLoanDaysOnly()
    {
        var d = await api.Data.ReadyAsync();
        var shop = await ShopServing(District());
        var tech = (await d.Admin.PostOk("/api/v1/technicians", new
        {
            storeId = d.StoreId, code = "L" + Guid.NewGuid().ToString("N")[..5], name = "Lent", phone = "13800000000", skills = new[] { "WashingMachine" },
            workDays = new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" },
        })).Str("id");
        var techClient = await d.User("u" + tech[..8], "technician", tech);
        var today = TestData.StationToday();
        var (customer, appliance) = await d.CustomerWithAppliance();
        var theirs = await OrderAt(shop.Desk, customer, appliance, District(), today.AddDays(2));
        var ours = await OrderAt(d.FrontDesk, customer, appliance, District(), today.AddDays(2));
        var oursToday = await OrderAt(d.FrontDesk, customer, appliance, District(), today);

        var loan = await d.Manager.PostOk($"/api/v1/technicians/{tech}/loans", new { toStoreId = shop.Id, from = today.AddDays(1), to = today.AddDays(3) });

        (loan.Str("fromStoreId"), loan.Str("toStoreId"), loan.Str("state")).Should().Be((d.StoreId, shop.Id, "Active"));
        (await Roster(shop.Manager, theirs)).Should().Contain(tech);
        (await Roster(d.Manager, ours)).Should().NotContain(tech);
        (await Roster(d.Manager, oursToday)).Should().Contain(tech, "today is before the loan");
        await (await d.Manager.PostAsJsonAsync($"/api/v1/work-orders/{ours.Str("id")}/assign", new { technicianId = tech }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "technicianId");
        await shop.Manager.PostOk($"/api/v1/work-orders/{theirs.Str("id")}/assign", new { technicianId = tech }, HttpStatusCode.OK);
        (await techClient.GetOk($"/api/v1/mobile/jobs/{theirs.Str("id")}"))["order"].Str("storeId").Should().Be(shop.Id);
        (await PlannedTechnicians(shop, today.AddDays(2))).Should().Contain(tech);
        (await PlannedTechnicians(new Shop(d.StoreId, d.FrontDesk, d.Manager), today.AddDays(2))).Should().NotContain(tech);
        await (await d.Manager.PostAsJsonAsync($"/api/v1/technicians/{tech}/loans", new { toStoreId = shop.Id, from = today.AddDays(3), to = today.AddDays(5) }))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        await d.Manager.PostOk($"/api/v1/work-orders/{oursToday.Str("id")}/assign", new { technicianId = tech }, HttpStatusCode.OK);
        var busy = await (await d.Manager.PostAsJsonAsync($"/api/v1/technicians/{tech}/loans", new { toStoreId = shop.Id, from = today, to = today }))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        busy.Str("detail").Should().Contain(oursToday.Str("number"), "his own store's visit that day would lose its technician");

        var ended = await d.Manager.PostOk($"/api/v1/technicians/{tech}/loans/{loan.Str("id")}/end", null, HttpStatusCode.OK);

        ended.Str("state").Should().Be("Cancelled", "it had not started");
        (await Roster(d.Manager, ours)).Should().Contain(tech);
        (await d.Manager.GetOk($"/api/v1/technicians/{tech}/loans"))["items"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task EveryStoreFindsTheCustomerButSeesOnlyItsOwnOrdersOfHim()
    {
        var d = await api.Data.ReadyAsync();
        var shop = await ShopServing(District());
        var (customer, appliance) = await d.CustomerWithAppliance();
        var phone = (await d.FrontDesk.GetOk($"/api/v1/customers/{customer}"))["phones"]!.AsArray()[0]!.GetValue<string>();
        var ours = await OrderAt(d.FrontDesk, customer, appliance, District());
        var theirs = await OrderAt(shop.Desk, customer, appliance, District());

        (await shop.Desk.GetOk($"/api/v1/customers?phone={phone}"))["items"]!.AsArray().Should().ContainSingle(c => c.Str("id") == customer);
        (await shop.Desk.GetOk($"/api/v1/customers/{customer}/appliances"))["items"]!.AsArray().Should().Contain(a => a.Str("id") == appliance);
        (await shop.Desk.GetOk($"/api/v1/appliances/{appliance}")).Str("id").Should().Be(appliance);
        theirs.Str("storeId").Should().Be(shop.Id, "the intake store, as no store serves the district");
        (await shop.Desk.GetOk($"/api/v1/work-orders?customerId={customer}"))["items"]!.AsArray().Select(o => o.Str("id")).Should().Equal(theirs.Str("id"));
        (await d.Admin.GetOk($"/api/v1/work-orders?customerId={customer}"))["items"]!.AsArray().Select(o => o.Str("id"))
            .Should().BeEquivalentTo([ours.Str("id"), theirs.Str("id")]);
    }

    /// <summary>The technicians with a route in a store's day plan, made and run now.</summary>
    private async Task<List<string>> PlannedTechnicians(Shop shop, DateOnly day)
    {
        var response = await shop.Manager.PostAsJsonAsync("/api/v1/dispatch/plans", new { storeId = shop.Id, date = day.ToString("yyyy-MM-dd"), seconds = 1 });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var planId = (await response.Json()).Str("id");
        using (var scope = api.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<RepairDispatch.Api.Dispatch.DayPlanJob>().RunAsync(Guid.Parse(planId))).Should().BeTrue();
        return (await shop.Manager.GetOk($"/api/v1/dispatch/plans/{planId}"))["routes"]!.AsArray().Select(r => r.Str("technicianId")).ToList();
    }

    /// <summary>Everyone dispatch considers for the order: ranked or excluded (a day off excludes, a loan elsewhere removes).</summary>
    private static async Task<List<string>> Roster(HttpClient manager, JsonObject order)
    {
        var answer = await manager.GetOk($"/api/v1/dispatch/candidates?workOrderId={order.Str("id")}");
        return answer["candidates"]!.AsArray().Concat(answer["excluded"]!.AsArray()).Select(c => c.Str("id")).ToList();
    }
}
