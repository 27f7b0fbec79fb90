using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RepairDispatch.Api.Notifications;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.FollowUp;

/// <summary>The watchdog with a moved clock: each missed deadline is flagged, evented and escalated once, however often it runs.</summary>
public class SlaWatchdogTests(StationFixture api) : IClassFixture<StationFixture>
{
    private SlaWatchdog At(DateTimeOffset now) => new(api.Db, new FakeTimeProvider(now),
        api.Services.GetRequiredService<IOptions<NotificationOptions>>(), NullLogger<SlaWatchdog>.Instance);

    [Fact]
    public async Task AnUnassignedOrderBreachesOnceAndItsManagerIsToldOnce()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");
        var assignBy = (await d.Manager.GetOk($"/api/v1/work-orders/{id}"))["sla"]!["assignBy"]!.GetValue<DateTimeOffset>();
        var alerts = await d.CountRows("outbox_messages WHERE template = 'SlaBreached'");

        (await At(assignBy.AddMinutes(-1)).RunAsync()).Should().Be(0, "not yet due");
        for (var minute = 1; minute <= 20; minute++) await At(assignBy.AddMinutes(minute)).RunAsync();

        (await d.CountRowsOf("sla_breaches", id)).Should().Be(1);
        (await d.Manager.GetOk($"/api/v1/work-orders/{id}/events"))["items"]!.AsArray().Count(e => e.Str("kind") == "SlaBreached").Should().Be(1);
        (await d.CountRows("outbox_messages WHERE template = 'SlaBreached'")).Should().Be(alerts + 1, "one manager in the store, told once");
        (await d.Manager.GetOk("/api/v1/work-orders?slaBreached=true"))["items"]!.AsArray().Select(o => o.Str("id")).Should().Contain(id);
        (await d.Manager.GetOk("/api/v1/work-orders?slaBreached=false"))["items"]!.AsArray().Select(o => o.Str("id")).Should().NotContain(id);
    }

    [Fact]
    public async Task APausedClockDoesNotRunOutAndADoneOrderNeverBreaches()
    {
        var d = await api.Data.ReadyAsync();
        var waiting = (await d.NewWorkOrder()).Str("id");
        await d.Manager.PostOk($"/api/v1/work-orders/{waiting}/assign", new { technicianId = d.TechnicianA }, System.Net.HttpStatusCode.OK);
        foreach (var step in new[] { "accept", "depart" }) (await d.TechA.PostAsync($"/api/v1/mobile/jobs/{waiting}/{step}", null)).EnsureSuccessStatusCode();
        (await TestData.Arrive(d.TechA, waiting)).EnsureSuccessStatusCode();
        await d.TechA.PostOk($"/api/v1/mobile/jobs/{waiting}/await-parts",
            new { parts = new[] { new { partId = d.PartId, qty = 1 } } }, System.Net.HttpStatusCode.OK);
        var done = (await d.NewWorkOrder()).Str("id");
        await d.CompleteByTechnicianA(done);

        await At(api.Clock.GetUtcNow().AddDays(10)).RunAsync();

        (await d.CountRowsOf("sla_breaches", waiting)).Should().Be(0, "assigned and on site in time, and the completion clock is paused");
        (await d.CountRowsOf("sla_breaches", done)).Should().Be(0);
    }
}
