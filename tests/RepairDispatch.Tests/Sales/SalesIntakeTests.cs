using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using static RepairDispatch.Tests.Sales.SalesTestKit;

namespace RepairDispatch.Tests.Sales;

/// <summary>
/// A sale from a till becomes the customer, the appliances with their invoice, installation orders on the delivery day
/// and the sales callbacks; a resend is recognised by the sale number; a bad sale is refused naming its field, and
/// writes nothing.
/// </summary>
public class SalesIntakeTests(WorkOrders.StationFixture api) : IClassFixture<WorkOrders.StationFixture>
{
    [Fact]
    public async Task ASaleRegistersTheCustomerAppliancesInstallationsAndCallbacks()
    {
        var d = await api.Data.ReadyAsync();
        var (till, _, _) = await Till(api, d);
        var phone = Phone();
        var sale = Sale("S-" + Guid.NewGuid().ToString("N")[..10], phone,
            Line(1, "AirConditioner", d.ManufacturerId, serial: "AC-1", deliveryOn: Today.AddDays(2)),
            Line(2, "WashingMachine", d.ManufacturerId),
            Line(3, "WashingMachine", d.ManufacturerId, needsInstallation: true),
            Line(4, "WaterHeater", d.ManufacturerId, needsInstallation: false, qty: 2));

        var answer = await TestData.Body(await Send(till, sale));
        Ids(answer, "appliances").Should().HaveCount(5);
        Ids(answer, "installationOrders").Should().HaveCount(2, "the air conditioner by default, the washing machine when asked");
        Ids(answer, "callbacks").Should().HaveCount(5);

        var order = await d.FrontDesk.GetOk($"/api/v1/work-orders/{Ids(answer, "installationOrders")[0]}");
        order.Str("type").Should().Be("Installation");
        order.Str("source").Should().Be("Sales");
        DateTimeOffset.Parse(order["appointment"]!.Str("from")).Should().Be(new DateTimeOffset(Today.AddDays(2).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)));
        var appliance = await d.FrontDesk.GetOk($"/api/v1/appliances/{Ids(answer, "appliances")[0]}");
        appliance.Str("invoiceNumber").Should().Be("FP-1");
        appliance.Str("purchaseDate").Should().Be(Day(Today));
        appliance["boughtHere"]!.GetValue<bool>().Should().BeTrue();
        (await d.FrontDesk.GetOk($"/api/v1/customers?phone={phone}"))["items"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task TheSameSaleAgainAnswersTheFirstAnswerAndAddedLinesAreAdded()
    {
        var d = await api.Data.ReadyAsync();
        var (till, _, _) = await Till(api, d);
        var number = "S-" + Guid.NewGuid().ToString("N")[..10];
        var phone = Phone();
        var first = await TestData.Body(await Send(till, Sale(number, phone, Line(1, "RangeHood", d.ManufacturerId))));
        var appliances = await d.CountRows("appliances");

        var again = await Send(till, Sale(number, phone, Line(1, "RangeHood", d.ManufacturerId)));
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestData.Body(again)).ToJsonString().Should().Be(first.ToJsonString());
        (await d.CountRows("appliances")).Should().Be(appliances);

        var grown = await TestData.Body(await Send(till, Sale(number, phone, Line(1, "RangeHood", d.ManufacturerId), Line(2, "Tv", d.ManufacturerId))));
        Ids(grown, "appliances").Should().HaveCount(2).And.StartWith(Ids(first, "appliances"));
        Ids(grown, "installationOrders").Should().Equal(Ids(first, "installationOrders"));
        (await d.CountRows("appliances")).Should().Be(appliances + 1);
    }

    [Fact]
    public async Task ConcurrentCopiesOfOneSaleRecordItOnce()
    {
        var d = await api.Data.ReadyAsync();
        var (till, _, _) = await Till(api, d);
        var sale = Sale("S-" + Guid.NewGuid().ToString("N")[..10], Phone(), Line(1, "GasStove", d.ManufacturerId));
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Send(till, sale)));
        answers.Select(a => a.StatusCode).Should().Contain(HttpStatusCode.Created).And.OnlyContain(s => s == HttpStatusCode.Created || s == HttpStatusCode.OK);
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().Be(1);
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        bodies.Distinct().Should().ContainSingle();
    }

    [Fact]
    public async Task ABadSaleIsRefusedNamingItsFieldAndWritesNothing()
    {
        var d = await api.Data.ReadyAsync();
        var (till, _, _) = await Till(api, d);
        var number = "S-" + Guid.NewGuid().ToString("N")[..10];
        var phone = Phone();
        await Send(till, Sale(number, phone, Line(1, "AirConditioner", d.ManufacturerId, price: 3999m)));
        var sales = await d.CountRows("sales_orders");
        var appliances = await d.CountRows("appliances");

        var noPhone = new { saleNumber = "S-X1", soldAt = SoldAt, customer = new { name = "李先生", phones = Array.Empty<string>() },
            lines = new[] { Line(1, "Tv", d.ManufacturerId) } };
        await (await Send(till, noPhone)).ShouldBeProblem(HttpStatusCode.BadRequest, "customer.phones");
        await (await Send(till, Sale("S-X2", Phone(), Line(1, "Tv", Guid.NewGuid().ToString())))).ShouldBeProblem(HttpStatusCode.BadRequest, "lines[0].manufacturerId");
        await (await Send(till, Sale("S-X3", Phone(), Line(1, "Tv", d.ManufacturerId, qty: -1)))).ShouldBeProblem(HttpStatusCode.BadRequest, "lines[0].qty");
        await (await Send(till, Sale("S-X4", Phone(), Line(1, "Tv", d.ManufacturerId), Line(2, "AirConditioner", d.ManufacturerId, deliveryOn: Today.AddDays(-1)))))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "lines[1].deliveryOn");
        var changed = await (await Send(till, Sale(number, phone, Line(1, "AirConditioner", d.ManufacturerId, price: 3599m)))).ShouldBeProblem(HttpStatusCode.Conflict);
        changed["field"]!.GetValue<string>().Should().Be("lines[0].price");
        var otherStore = new { saleNumber = "S-X5", storeId = Guid.NewGuid(), soldAt = SoldAt,
            customer = new { name = "李先生", phones = new[] { Phone() } }, lines = new[] { Line(1, "Tv", d.ManufacturerId) } };
        await (await Send(till, otherStore)).ShouldBeProblem(HttpStatusCode.BadRequest, "storeId");

        (await d.CountRows("sales_orders")).Should().Be(sales);
        (await d.CountRows("appliances")).Should().Be(appliances);
    }

    [Fact]
    public async Task OnlyAClientWithSalesWriteAndAValidSecretMaySendSales()
    {
        var d = await api.Data.ReadyAsync();
        var sale = Sale("S-" + Guid.NewGuid().ToString("N")[..10], Phone(), Line(1, "Tv", d.ManufacturerId));
        var (brand, _, _) = await Till(api, d, null, "manufacturer-orders:write");
        (await Send(brand, sale)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Send(d.FrontDesk, sale)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var (revoked, revokedId, _) = await Till(api, d);
        await d.Admin.PostOk($"/api/v1/clients/{revokedId}/revoke", null, HttpStatusCode.OK);
        (await Send(revoked, sale)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var (expiring, _, _) = await Till(api, d);
        api.Clock.Advance(TimeSpan.FromMinutes(31));
        try
        {
            (await Send(expiring, sale)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        finally
        {
            api.Clock.Advance(TimeSpan.FromMinutes(-31));
        }
        var sales = await d.CountRows("sales_orders");
        (await api.CreateClient().PostAsJsonAsync("/api/v1/sales-orders", sale)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await d.CountRows("sales_orders")).Should().Be(sales);
    }
}
