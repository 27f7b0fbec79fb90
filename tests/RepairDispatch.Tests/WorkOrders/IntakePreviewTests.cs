using System.Net;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.WorkOrders;

/// <summary>The intake preview tells the front desk, before creating, what the order would get: warranty, SLA, duplicate.</summary>
public class IntakePreviewTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task PreviewShowsTheWarrantyAndSlaTheCreatedOrderThenGets()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId) = await d.CustomerWithAppliance(TestData.StationToday().AddMonths(-2));

        var preview = await d.FrontDesk.GetOk($"/api/v1/appliances/{applianceId}/intake-preview?priority=Urgent");
        var order = await d.WorkOrder(customerId, applianceId, priority: "Urgent");

        preview["warranty"]!.ToJsonString().Should().Be(order["warranty"]!.ToJsonString());
        preview["openWorkOrder"].Should().BeNull();
        preview["entitlement"].Str("entitlement").Should().Be("RepairOnly", "bought two months ago, never repaired");
        preview["entitlement"]!["reasons"]![0]!.GetValue<string>().Should().Contain("免费修理");
        var assignBy = preview["sla"]!["assignBy"]!.GetValue<DateTimeOffset>();
        assignBy.Should().BeCloseTo(order["sla"]!["assignBy"]!.GetValue<DateTimeOffset>(), TimeSpan.FromSeconds(30));
        assignBy.Should().BeCloseTo(api.Clock.GetUtcNow().AddHours(1), TimeSpan.FromMinutes(1), "urgent orders are assigned within 1 h");
    }

    [Fact]
    public async Task PreviewNamesTheOpenOrderThatWouldMakeANewOneADuplicate()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId) = await d.CustomerWithAppliance();
        var open = await d.WorkOrder(customerId, applianceId);

        var preview = await d.FrontDesk.GetOk($"/api/v1/appliances/{applianceId}/intake-preview");

        preview["openWorkOrder"]!.Str("number").Should().Be(open.Str("number"));
        preview["openWorkOrder"]!.Str("id").Should().Be(open.Str("id"));
        preview["warranty"]!["inWarranty"]!.GetValue<bool>().Should().BeFalse("no purchase date is on file");
    }

    [Fact]
    public async Task PreviewOfAnUnknownApplianceIsNotFoundAndTechniciansMayNotAsk()
    {
        var d = await api.Data.ReadyAsync();
        var (_, applianceId) = await d.CustomerWithAppliance();

        await (await d.FrontDesk.GetAsync($"/api/v1/appliances/{Guid.NewGuid()}/intake-preview")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await d.TechA.GetAsync($"/api/v1/appliances/{applianceId}/intake-preview")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
