using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.WorkOrders;

public sealed class StationFixture : ApiFactory
{
    public TestData Data { get; }
    public StationFixture() => Data = new TestData(this);
}

public class CreateWorkOrderTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static DateOnly ShanghaiToday() => TestData.StationToday();

    [Fact]
    public async Task CreatedOrderHasNumberStatusWarrantyAndSlaAndALocation()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId) = await d.CustomerWithAppliance(ShanghaiToday().AddMonths(-2));

        var response = await d.FrontDesk.PostAsJsonAsync("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId, applianceId, faultDescription = "Leaks water", priority = "Normal",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.Json();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/work-orders/{body.Str("id")}");
        body.Str("number").Should().MatchRegex(@"^WO-\d{8}-\d{4}$").And.Contain(ShanghaiToday().ToString("yyyyMMdd"));
        body.Str("status").Should().Be("New");
        body["warranty"]!["inWarranty"]!.GetValue<bool>().Should().BeTrue();
        body["warranty"].Str("payer").Should().Be("Manufacturer");
        var created = DateTimeOffset.Parse(body.Str("createdAt"));
        DateTimeOffset.Parse(body["sla"].Str("assignBy")).Should().Be(created.AddHours(4));
        DateTimeOffset.Parse(body["sla"].Str("completeBy")).Should().Be(created.AddHours(72));
        var events = await d.FrontDesk.GetOk($"/api/v1/work-orders/{body.Str("id")}/events");
        events["items"]![0].Str("kind").Should().Be("Created");
        events["items"]![0].Str("actor").Should().Be("desk1");
    }

    [Theory]
    [InlineData(-12, 0, false, "MainPartsOnly")]   // exactly 12 months ago: whole-unit warranty over
    [InlineData(-12, 1, true, "WholeUnit")]        // one day less: still covered
    [InlineData(-36, 0, false, "None")]            // exactly 36 months: even main parts over
    [InlineData(-36, 1, false, "MainPartsOnly")]
    public async Task WarrantyIsDecidedAtTheEdgesOfTheTerms(int months, int days, bool inWarranty, string coverage)
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId) = await d.CustomerWithAppliance(ShanghaiToday().AddMonths(months).AddDays(days));

        var order = await d.WorkOrder(customerId, applianceId);

        order["warranty"]!["inWarranty"]!.GetValue<bool>().Should().Be(inWarranty);
        order["warranty"].Str("coverage").Should().Be(coverage);
        order["warranty"].Str("payer").Should().Be(inWarranty ? "Manufacturer" : "Customer");
        order["warranty"].Str("reason").Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task NoPurchaseDateMeansOutOfWarrantyWithTheReasonInWords()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId) = await d.CustomerWithAppliance(purchaseDate: null);

        var order = await d.WorkOrder(customerId, applianceId);

        order["warranty"]!["inWarranty"]!.GetValue<bool>().Should().BeFalse();
        order["warranty"].Str("payer").Should().Be("Customer");
        order["warranty"].Str("reason").Should().Contain("没有购买日期");
        order["warranty"]!["reasonCode"].Str("code").Should().Be("warranty.no-purchase-date");
    }

    [Fact]
    public async Task VipCustomerGetsTheShortSla()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId) = await d.CustomerWithAppliance(tier: "Vip");

        var order = await d.WorkOrder(customerId, applianceId);

        var created = DateTimeOffset.Parse(order.Str("createdAt"));
        DateTimeOffset.Parse(order["sla"].Str("onSiteBy")).Should().Be(created.AddHours(4));
    }

    [Fact]
    public async Task ConcurrentCreatesGetDistinctConsecutiveNumbers()
    {
        var d = await api.Data.ReadyAsync();
        var appliances = new List<(string, string)>();
        for (var i = 0; i < 20; i++) appliances.Add(await d.CustomerWithAppliance());

        var orders = await Task.WhenAll(appliances.Select(a => d.WorkOrder(a.Item1, a.Item2)));

        var numbers = orders.Select(o => o.Str("number")).ToList();
        numbers.Should().OnlyHaveUniqueItems();
        var sequence = numbers.Select(n => int.Parse(n[^4..])).Order().ToList();
        sequence.Should().Equal(Enumerable.Range(sequence[0], 20), "numbers are consecutive with no gaps");
    }

    [Fact]
    public async Task SecondOrderForAnOpenApplianceIsRefusedNamingTheOpenOrderUnlessIntended()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId) = await d.CustomerWithAppliance();
        var first = await d.WorkOrder(customerId, applianceId);
        var before = await d.CountRows("work_orders");

        var again = await d.FrontDesk.PostAsJsonAsync("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId, applianceId, faultDescription = "Customer calls again", priority = "Normal",
        });

        var problem = await again.ShouldBeProblem(HttpStatusCode.Conflict);
        problem.Str("openWorkOrder").Should().Be(first.Str("number"));
        (await d.CountRows("work_orders")).Should().Be(before);
        var intended = await d.WorkOrder(customerId, applianceId, allowDuplicate: true);
        intended["intendedDuplicate"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task ApplianceOfAnotherCustomerIsRefusedNamingTheField()
    {
        var d = await api.Data.ReadyAsync();
        var (customerA, _) = await d.CustomerWithAppliance();
        var (_, applianceB) = await d.CustomerWithAppliance();

        var response = await d.FrontDesk.PostAsJsonAsync("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customerA, applianceId = applianceB, faultDescription = "x", priority = "Normal",
        });

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "applianceId");
    }

    [Fact]
    public async Task ReworkWithinThirtyDaysIsANewOrderLinkedToItsOrigin()
    {
        var d = await api.Data.ReadyAsync();
        var order = await d.NewWorkOrder();
        var id = order.Str("id");
        await d.CompleteByTechnicianA(id, "Major", 60);

        var rework = await d.FrontDesk.PostOk($"/api/v1/work-orders/{id}/rework", new { faultDescription = "Same noise again" });

        rework.Str("reworkOfId").Should().Be(id);
        rework.Str("status").Should().Be("New");
        rework.Str("applianceId").Should().Be(order.Str("applianceId"));
        var originEvents = await d.Manager.GetOk($"/api/v1/work-orders/{id}/events");
        originEvents["items"]!.AsArray().Select(e => e.Str("kind")).Should().Contain("ReworkOpened");
    }

    [Fact]
    public async Task AssigningATechnicianWithoutTheCategorySkillIsRefused()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId) = await d.CustomerWithAppliance(category: "Refrigerator");
        var order = await d.WorkOrder(customerId, applianceId);

        var response = await d.Manager.PostAsJsonAsync($"/api/v1/work-orders/{order.Str("id")}/assign", new { technicianId = d.TechnicianB });

        var problem = await response.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        problem.Str("detail").Should().Be("该维修工不会修冰箱。");
        problem["detailCode"].Str("code").Should().Be("refusal.technician-lacks-skill");
        problem["detailCode"]!["args"]!["category"].Str("code").Should().Be("category.Refrigerator");
        (await d.Manager.GetOk($"/api/v1/work-orders/{order.Str("id")}")).Str("status").Should().Be("New");
    }

    [Fact]
    public async Task CancelWithoutReasonIsRefusedAndChangesNothing()
    {
        var d = await api.Data.ReadyAsync();
        var order = await d.NewWorkOrder();

        var response = await d.FrontDesk.PostAsJsonAsync($"/api/v1/work-orders/{order.Str("id")}/cancel", new { reason = "" });

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "reason");
        (await d.FrontDesk.GetOk($"/api/v1/work-orders/{order.Str("id")}")).Str("status").Should().Be("New");
    }
}
