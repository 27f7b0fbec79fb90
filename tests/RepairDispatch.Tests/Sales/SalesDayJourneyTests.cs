using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using static RepairDispatch.Tests.Sales.SalesTestKit;

namespace RepairDispatch.Tests.Sales;

/// <summary>
/// Issue 17's done-when for sales: a scripted POS sends a day of sales (an air conditioner that needs installing, a
/// resend, a return and an exchange) and the desk sees customers, appliances, installation orders and callbacks exactly once.
/// </summary>
public class SalesDayJourneyTests(WorkOrders.StationFixture api) : IClassFixture<WorkOrders.StationFixture>
{
    [Fact]
    public async Task ADayOfSalesReachesTheDeskExactlyOnce()
    {
        var d = await api.Data.ReadyAsync();
        var (pos, _, _) = await Till(api, d);
        var (zhang, li) = (Phone(), Phone());
        var morning = Sale("POS-0001", zhang, Line(1, "AirConditioner", d.ManufacturerId, price: 4299m, serial: "KFR-001", deliveryOn: Today.AddDays(1)));
        var noon = Sale("POS-0002", li, Line(1, "Tv", d.ManufacturerId, price: 3999m, serial: "TV-1"), Line(2, "Refrigerator", d.ManufacturerId, serial: "BCD-1"));
        var evening = Sale("POS-0003", zhang, Line(1, "WaterHeater", d.ManufacturerId, price: 1599m, serial: "WH-1"));

        var ac = await TestData.Body(await Send(pos, morning));
        await Send(pos, noon);
        (await Send(pos, morning)).StatusCode.Should().Be(HttpStatusCode.OK, "the till lost the answer and sent it again");
        var heater = await TestData.Body(await Send(pos, evening));
        heater.Str("customerId").Should().Be(ac.Str("customerId"), "the same phone is the same customer");

        // Li brings the TV back and exchanges the refrigerator; the till sends it twice.
        var returns = new { lines = new object[] { new { lineNo = 1, kind = "Return", on = Day(Today) }, new { lineNo = 2, kind = "Exchange", newSerialNumber = "BCD-2", on = Day(Today) } } };
        var returned = await pos.PostOk("/api/v1/sales-orders/POS-0002/returns", returns, HttpStatusCode.OK);
        (await pos.PostOk("/api/v1/sales-orders/POS-0002/returns", returns, HttpStatusCode.OK)).ToJsonString().Should().Be(returned.ToJsonString());
        var newFridge = returned["lines"]![1]!["replacements"]![0]!.GetValue<string>();

        // The desk's view.
        var desk = d.FrontDesk;
        var zhangs = (await desk.GetOk($"/api/v1/customers?phone={zhang}"))["items"]!.AsArray();
        zhangs.Should().ContainSingle();
        var zhangAppliances = (await desk.GetOk($"/api/v1/customers/{ac.Str("customerId")}/appliances"))["items"]!.AsArray();
        zhangAppliances.Select(a => a.Str("serialNumber")).Should().BeEquivalentTo("KFR-001", "WH-1");
        var liCustomer = (await desk.GetOk($"/api/v1/customers?phone={li}"))["items"]!.AsArray().Single()!.Str("id");
        var liAppliances = (await desk.GetOk($"/api/v1/customers/{liCustomer}/appliances"))["items"]!.AsArray();
        liAppliances.Select(a => a.Str("serialNumber")).Should().BeEquivalentTo(["BCD-2"], "the returned TV and the exchanged fridge left the registry");
        var fridge = await desk.GetOk($"/api/v1/appliances/{newFridge}");
        fridge.Str("purchaseDate").Should().Be(Day(Today), "the exchanged appliance's warranty starts again on the exchange day");

        var installations = Ids(ac, "installationOrders").Concat(Ids(heater, "installationOrders")).ToList();
        installations.Should().HaveCount(2);
        foreach (var id in installations)
            (await desk.GetOk($"/api/v1/work-orders/{id}")).Str("status").Should().Be("New");
        await using (var c = await api.Db.OpenAsync())
        {
            var perAppliance = await Dapper.SqlMapper.QueryAsync<long>(c,
                "SELECT COUNT(*) FROM work_orders w JOIN customers cu ON cu.id = w.customer_id WHERE w.type = 'Installation' AND cu.id = @Id GROUP BY w.appliance_id",
                new { Id = Guid.Parse(ac.Str("customerId")) });
            perAppliance.Should().Equal(1L, 1L);
        }

        var due = (await desk.GetOk($"/api/v1/callbacks?due={Day(Today.AddDays(7))}"))["items"]!.AsArray()
            .Where(cb => cb.Str("customerId") == ac.Str("customerId") || cb.Str("customerId") == liCustomer).ToList();
        due.Should().HaveCount(3, "one sales follow-up per unit sold (the exchanged fridge keeps its call); the returned TV's was dropped")
            .And.OnlyContain(cb => cb.Str("kind") == "Sales");
    }

    [Fact]
    public async Task AReturnCancelsTheOpenInstallationWithAReasonAndAnExchangeMovesIt()
    {
        var d = await api.Data.ReadyAsync();
        var (pos, _, _) = await Till(api, d);
        var number = "POS-R-" + Guid.NewGuid().ToString("N")[..6];
        var sale = await TestData.Body(await Send(pos, Sale(number, Phone(),
            Line(1, "AirConditioner", d.ManufacturerId), Line(2, "GasStove", d.ManufacturerId))));
        var (acOrder, stoveOrder) = (Ids(sale, "installationOrders")[0], Ids(sale, "installationOrders")[1]);

        var answer = await pos.PostOk($"/api/v1/sales-orders/{number}/returns",
            new { lines = new object[] { new { lineNo = 1, kind = "Return", on = Day(Today) }, new { lineNo = 2, kind = "Exchange", newSerialNumber = "GS-9", on = Day(Today) } } },
            HttpStatusCode.OK);

        var cancelled = await d.FrontDesk.GetOk($"/api/v1/work-orders/{acOrder}");
        cancelled.Str("status").Should().Be("Cancelled");
        var events = (await d.FrontDesk.GetOk($"/api/v1/work-orders/{acOrder}/events"))["items"]!.AsArray();
        events.Last()!["reasonCode"]!.Str("code").Should().Be("sales.appliance-returned");
        var moved = await d.FrontDesk.GetOk($"/api/v1/work-orders/{stoveOrder}");
        moved.Str("status").Should().Be("New");
        moved.Str("applianceId").Should().Be(answer["lines"]![1]!["replacements"]![0]!.GetValue<string>());

        var otherwise = await pos.PostAsJsonAsync($"/api/v1/sales-orders/{number}/returns", new { lines = new[] { new { lineNo = 1, kind = "Exchange", on = Day(Today) } } });
        (await otherwise.ShouldBeProblem(HttpStatusCode.Conflict))["field"]!.GetValue<string>().Should().Be("lines[0]");
        await (await pos.PostAsJsonAsync($"/api/v1/sales-orders/{number}/returns", new { lines = new[] { new { lineNo = 9, kind = "Return", on = Day(Today) } } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "lines[0].lineNo");
        await (await pos.PostAsJsonAsync($"/api/v1/sales-orders/{number}/returns", new { lines = new[] { new { lineNo = 1, kind = "Return", on = Day(Today.AddDays(-1)) } } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "lines[0].on");
    }
}
