using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Dispatch;

public class AutoDispatchTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task WithAutoDispatchOnANewOrderGoesToTheBestCandidateWithAnEventSayingWhy()
    {
        var d = await api.Data.ReadyAsync();
        var settings = $"/api/v1/dispatch/settings/{d.StoreId}";
        (await d.Manager.GetOk(settings))["autoDispatch"]!.GetValue<bool>().Should().BeFalse();
        var manual = (await d.NewWorkOrder()).Str("status");

        (await d.Manager.PutAsJsonAsync(settings, new { roadFactor = 1.4, citySpeedKmh = 22, autoDispatch = true })).StatusCode.Should().Be(HttpStatusCode.OK);
        var created = await d.NewWorkOrder();
        var events = (await d.Manager.GetOk($"/api/v1/work-orders/{created.Str("id")}/events"))["items"]!.AsArray();

        manual.Should().Be("New");
        created.Str("status").Should().Be("Assigned");
        created.Str("technicianId").Should().BeOneOf(d.TechnicianA, d.TechnicianB);
        events.Select(e => e.Str("kind")).Should().Equal("Created", "AutoAssigned");
        events[1].Str("reason").Should().StartWith("自动派工：Technician T-").And.Contain("评分");
        events[1]!["reasonCode"].Str("code").Should().Be("event.auto-dispatch");
        events[1].Str("text").Should().Be("自动派工");
        await (await d.Manager.PutAsJsonAsync(settings, new { roadFactor = 0.5, citySpeedKmh = 22, autoDispatch = true }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "roadFactor");
        (await d.FrontDesk.PutAsJsonAsync(settings, new { roadFactor = 1.3, citySpeedKmh = 25, autoDispatch = false })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
