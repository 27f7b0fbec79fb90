using System.Net;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.WorkOrders;

/// <summary>Unreadable or invalid requests get a 4xx problem naming what is wrong, never a 500, and write nothing.</summary>
public class BadInputTests(StationFixture api) : IClassFixture<StationFixture>
{
    private async Task<(TestData Data, string Customer, string Appliance)> Setup()
    {
        var d = await api.Data.ReadyAsync();
        var (customer, appliance) = await d.CustomerWithAppliance();
        return (d, customer, appliance);
    }

    private static string Body(string customer, string appliance, string extra = "", string fault = "Broken", string type = "Repair") =>
        $$"""{"type":"{{type}}","source":"Phone","customerId":"{{customer}}","applianceId":"{{appliance}}","faultDescription":"{{fault}}","priority":"Normal"{{extra}}}""";

    public static TheoryData<string, HttpStatusCode, string?> Cases() => new()
    {
        { "unknown-field", HttpStatusCode.BadRequest, "colour" },
        { "malformed", HttpStatusCode.BadRequest, null },
        { "bad-enum", HttpStatusCode.BadRequest, "type" },
        { "bad-id", HttpStatusCode.BadRequest, "customerId" },
        { "missing-field", HttpStatusCode.BadRequest, "faultDescription" },
        { "too-long", HttpStatusCode.BadRequest, "faultDescription" },
        { "null-required", HttpStatusCode.BadRequest, "faultDescription" },
        { "unknown-customer", HttpStatusCode.BadRequest, "applianceId" },
        { "bad-window", HttpStatusCode.BadRequest, "appointment.to" },
        { "wrong-type-number", HttpStatusCode.BadRequest, "priority" },
        { "not-an-object", HttpStatusCode.BadRequest, null },
        { "text-plain", HttpStatusCode.UnsupportedMediaType, null },
        { "oversized", HttpStatusCode.RequestEntityTooLarge, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadCreateRequestsAre4xxProblemsAndWriteNothing(string kind, HttpStatusCode status, string? field)
    {
        var (d, customer, appliance) = await Setup();
        var ordersBefore = await d.CountRows("work_orders");
        var eventsBefore = await d.CountRows("work_order_events");
        var content = kind switch
        {
            "unknown-field" => Http.RawJson(Body(customer, appliance, ""","colour":"red" """.TrimEnd())),
            "malformed" => Http.RawJson(Body(customer, appliance)[..^5]),
            "bad-enum" => Http.RawJson(Body(customer, appliance, type: "Demolition")),
            "bad-id" => Http.RawJson(Body("not-a-guid", appliance)),
            "missing-field" => Http.RawJson($$"""{"type":"Repair","source":"Phone","customerId":"{{customer}}","applianceId":"{{appliance}}","priority":"Normal"}"""),
            "too-long" => Http.RawJson(Body(customer, appliance, fault: new string('x', 2001))),
            "null-required" => Http.RawJson(Body(customer, appliance).Replace("\"Broken\"", "null")),
            "unknown-customer" => Http.RawJson(Body(Guid.NewGuid().ToString(), appliance)),
            "bad-window" => Http.RawJson(Body(customer, appliance, ""","appointment":{"from":"2026-12-01T12:00:00+08:00","to":"2026-12-01T10:00:00+08:00"}""")),
            "wrong-type-number" => Http.RawJson(Body(customer, appliance).Replace("\"Normal\"", "3")),
            "not-an-object" => Http.RawJson("[1,2,3]"),
            "text-plain" => Http.RawJson(Body(customer, appliance), "text/plain"),
            "oversized" => Http.RawJson(Body(customer, appliance, fault: new string('x', 70_000))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var response = await d.FrontDesk.PostAsync("/api/v1/work-orders", content);

        await response.ShouldBeProblem(status, field);
        (await d.CountRows("work_orders")).Should().Be(ordersBefore);
        (await d.CountRows("work_order_events")).Should().Be(eventsBefore);
    }

    [Fact]
    public async Task NonGuidIdInTheRouteIs404NotAServerError()
    {
        var d = await api.Data.ReadyAsync();

        (await d.FrontDesk.GetAsync("/api/v1/work-orders/12345")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await (await d.FrontDesk.GetAsync($"/api/v1/work-orders/{Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
