using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Dispatch;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Mobile;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Dispatch;

/// <summary>
/// An urgent call during a planned day: it joins one route at the cheapest feasible place, after the started stops.
/// The day is tomorrow and "now" is tomorrow 10:30 in the store, so the test does not depend on the hour it runs at.
/// </summary>
public class UrgentInsertionTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private static DateOnly Day() => TestData.StationToday().AddDays(1);
    private static DateTimeOffset At(int hour, int minute = 0) => new(Day().ToDateTime(new TimeOnly(hour, minute)), Shanghai);

    private static async Task<string> Booked(TestData d, int fromHour, int toHour, double lat, string priority = "Normal")
    {
        var (customer, appliance) = await d.CustomerWithAppliance(TestData.StationToday().AddYears(-3));
        return (await d.FrontDesk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "Leaking", priority,
            appointment = new { from = At(fromHour), to = At(toHour) },
            address = new { district = "Pudong", street = "Century Avenue", lat, lon = 121.50 },
        })).Str("id");
    }

    [Fact]
    public async Task AnUrgentOrderJoinsOneRouteAfterItsStartedStopAndEveryVisitKeepsItsWindow()
    {
        var d = await api.Data.ReadyAsync();
        var orders = new List<string>();
        for (var i = 0; i < 4; i++) orders.Add(await Booked(d, i < 2 ? 9 : 13, i < 2 ? 12 : 17, 31.20 + i * 0.01));
        var create = await d.Manager.PostAsJsonAsync("/api/v1/dispatch/plans", new { storeId = d.StoreId, date = Day().ToString("yyyy-MM-dd"), seconds = 2 });
        var planId = (await create.Json()).Str("id");
        using (var scope = api.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DayPlanJob>().RunAsync(Guid.Parse(planId));
        await d.Manager.PostOk($"/api/v1/dispatch/plans/{planId}/apply", null, HttpStatusCode.OK);
        // Technician A is on the way to the first job of the day: that stop has started.
        var aFirst = (await d.TechA.GetOk($"/api/v1/mobile/jobs?date={Day():yyyy-MM-dd}"))["items"]!.AsArray()
            .Select(j => j!["order"]!).First(o => o["route"] is not null);
        foreach (var step in new[] { "accept", "depart" }) (await d.TechA.Step(aFirst.Str("id"), step)).EnsureSuccessStatusCode();
        var before = await Routes(d, planId);
        var urgent = await Booked(d, 11, 16, 31.215, "Urgent");

        var inserted = await InsertAt(urgent, At(10, 30));

        inserted.TechnicianId.Should().NotBeNull(inserted.Reason);
        var after = await Routes(d, planId);
        var changed = after[inserted.TechnicianId!.Value.ToString()];
        changed.Select(s => s.Order).Should().Contain(urgent);
        if (inserted.TechnicianId.ToString() == d.TechnicianA)
            changed[0].Should().Be(before[d.TechnicianA][0], "the started stop keeps its place and times");
        foreach (var (tech, stops) in after.Where(r => r.Key != inserted.TechnicianId.ToString()))
            stops.Should().Equal(before[tech], "the other routes do not move");
        foreach (var stop in after.Values.SelectMany(s => s))
        {
            var order = await d.Manager.GetOk($"/api/v1/work-orders/{stop.Order}");
            stop.Start.Should().BeOnOrAfter(order["appointment"]!["from"]!.GetValue<DateTimeOffset>()).And
                .BeOnOrBefore(order["appointment"]!["to"]!.GetValue<DateTimeOffset>(), "every visit still starts inside its window");
        }
        var assigned = await d.Manager.GetOk($"/api/v1/work-orders/{urgent}");
        assigned.Str("status").Should().Be("Assigned");
        assigned["route"]!["sequence"]!.GetValue<int>().Should().Be(inserted.Sequence);
        var phone = inserted.TechnicianId.ToString() == d.TechnicianA ? d.TechA : d.TechB;
        (await phone.GetOk($"/api/v1/mobile/jobs?date={Day():yyyy-MM-dd}"))["items"]!.AsArray().Select(j => j!["order"].Str("id"))
            .Should().Contain(urgent, "the technician's phone lists it");
    }

    [Fact]
    public async Task WithoutAnAppliedPlanForItsDayNothingIsInserted()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");

        await (await d.Manager.PostAsJsonAsync("/api/v1/dispatch/urgent-insertions", new { workOrderId = Guid.NewGuid() })).ShouldBeProblem(HttpStatusCode.BadRequest, "workOrderId");
        var response = await d.Manager.PostAsJsonAsync("/api/v1/dispatch/urgent-insertions", new { workOrderId = id });

        (await response.ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").Should().EndWith("no-applied-plan");
        (await d.Manager.GetOk($"/api/v1/work-orders/{id}")).Str("status").Should().Be("New");
    }

    private sealed record Stop(string Order, DateTimeOffset Start);

    private static async Task<Dictionary<string, List<Stop>>> Routes(TestData d, string planId) =>
        (await d.Manager.GetOk($"/api/v1/dispatch/plans/{planId}"))["routes"]!.AsArray().ToDictionary(r => r.Str("technicianId"),
            r => r!["stops"]!.AsArray().Select(s => new Stop(s.Str("workOrderId"), s!["serviceStart"]!.GetValue<DateTimeOffset>())).ToList());

    private async Task<UrgentInsertionResponse> InsertAt(string orderId, DateTimeOffset now)
    {
        var db = api.Services.GetRequiredService<Db>();
        var me = new CurrentUser(Guid.Parse((await (await api.AdminClient()).GetOk("/api/v1/me")).Str("id")), "admin", Roles.Admin, null, null);
        return (await db.InTransactionAsync(async (c, tx) => await UrgentInsertions.TryAsync(c, tx, (await WorkOrder.LoadAsync(c, tx, Guid.Parse(orderId)))!,
            me, now.ToUniversalTime(), api.Services.GetRequiredService<IOptions<DispatchOptions>>().Value, api.Services.GetRequiredService<ITravelTimesProvider>())))!;
    }
}
