using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RepairDispatch.Api.Dispatch;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Mobile;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Dispatch;

/// <summary>Tomorrow's plan for the store: produced by the job, read, applied, and seen on the technicians' phones.</summary>
public class DayPlanTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static DateOnly Tomorrow() => TestData.StationToday().AddDays(1);

    private static async Task<string> Booked(TestData d, string category, int fromHour, int toHour, double lat, double lon)
    {
        var (customer, appliance) = await d.CustomerWithAppliance(TestData.StationToday().AddYears(-3), category: category);
        var day = Tomorrow();
        var from = new DateTimeOffset(day.Year, day.Month, day.Day, fromHour, 0, 0, Shanghai);
        return (await d.FrontDesk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "Broken",
            appointment = new { from, to = from.AddHours(toHour - fromHour) },
            address = new { district = "Pudong", street = "Century Avenue", lat, lon },
        })).Str("id");
    }

    private async Task<JsonObject> PlanFor(TestData d, int seconds = 2)
    {
        var response = await d.Manager.PostAsJsonAsync("/api/v1/dispatch/plans", new { storeId = d.StoreId, date = Tomorrow().ToString("yyyy-MM-dd"), seconds });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var id = (await response.Json()).Str("id");
        using var scope = api.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<DayPlanJob>().RunAsync(Guid.Parse(id))).Should().BeTrue();
        return await d.Manager.GetOk($"/api/v1/dispatch/plans/{id}");
    }

    [Fact]
    public async Task TomorrowsPlanRespectsSkillsListsTheImpossibleAndOnceAppliedOrdersThePhonesJobs()
    {
        var d = await api.Data.ReadyAsync();
        var fridge = await Booked(d, "Refrigerator", 9, 12, 31.24, 121.50);
        var washers = new List<string>();
        for (var i = 0; i < 4; i++) washers.Add(await Booked(d, "WashingMachine", i % 2 == 0 ? 9 : 13, i % 2 == 0 ? 12 : 17, 31.20 + i * 0.01, 121.45 + i * 0.01));
        var tv = await Booked(d, "Tv", 13, 17, 31.22, 121.48);

        var plan = await PlanFor(d);

        plan.Str("status").Should().Be("Ready");
        var routes = plan["routes"]!.AsArray().Select(r => r!).ToList();
        var planned = routes.SelectMany(r => r["stops"]!.AsArray().Select(s => (Tech: r.Str("technicianId"), Order: s.Str("workOrderId")))).ToList();
        planned.Select(p => p.Order).Should().Contain(washers.Append(fridge), "every visit someone can do is planned");
        planned.Single(p => p.Order == fridge).Tech.Should().Be(d.TechnicianA, "only A repairs refrigerators");
        var unplanned = plan["unplanned"]!.AsArray().Single(u => u.Str("workOrderId") == tv)!;
        unplanned.Str("reason").Should().NotBeNullOrWhiteSpace();
        foreach (var route in routes)
            route["stops"]!.AsArray().Select(s => s!["sequence"]!.GetValue<int>()).Should().BeInAscendingOrder().And.StartWith(1);

        var applied = await d.Manager.PostOk($"/api/v1/dispatch/plans/{plan.Str("id")}/apply", null, HttpStatusCode.OK);

        applied["plan"].Str("status").Should().Be("Applied");
        applied["skipped"]!.AsArray().Should().BeEmpty();
        foreach (var (tech, order) in planned) (await d.Manager.GetOk($"/api/v1/work-orders/{order}")).Str("technicianId").Should().Be(tech);
        var aRoute = routes.Single(r => r.Str("technicianId") == d.TechnicianA)["stops"]!.AsArray().Select(s => s.Str("workOrderId")).ToList();
        var phone = (await d.TechA.GetOk($"/api/v1/mobile/jobs?date={Tomorrow():yyyy-MM-dd}"))["items"]!.AsArray()
            .Select(j => j!["order"]!).Where(o => o!["route"] is not null).ToList();
        phone.Select(o => o.Str("id")).Should().Equal(aRoute, "the phone lists the day in route order");
        phone.Select(o => o!["route"]!["sequence"]!.GetValue<int>()).Should().BeInAscendingOrder();
        await (await d.Manager.PostAsync($"/api/v1/dispatch/plans/{plan.Str("id")}/apply", null)).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AStartedVisitStaysFirstWithItsTechnicianEvenOnTheirDayOff()
    {
        var d = await api.Data.ReadyAsync();
        var dayOff = Tomorrow().DayOfWeek.ToString()[..3];
        var technician = (await d.Admin.PostOk("/api/v1/technicians", new
        {
            storeId = d.StoreId, code = "OFF-" + Guid.NewGuid().ToString("N")[..4], name = "Day-off technician", phone = "13800000000",
            skills = new[] { "WashingMachine" }, workDays = new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" }.Where(w => w != dayOff).ToArray(),
        })).Str("id");
        var started = await Booked(d, "WashingMachine", 14, 17, 31.23, 121.47);
        await d.Manager.PostOk($"/api/v1/work-orders/{started}/assign", new { technicianId = technician }, HttpStatusCode.OK);
        var client = await d.User("off-" + Guid.NewGuid().ToString("N")[..6], "technician", technician);
        foreach (var step in new[] { "accept", "depart" }) (await client.Step(started, step)).EnsureSuccessStatusCode();
        await Booked(d, "WashingMachine", 9, 12, 31.21, 121.46);

        var plan = await PlanFor(d);

        var route = plan["routes"]!.AsArray().Single(r => r.Str("technicianId") == technician)!;
        route["stops"]![0].Str("workOrderId").Should().Be(started, "a technician on the way keeps the job, first on the route");
        plan["unplanned"]!.AsArray().Select(u => u.Str("workOrderId")).Should().NotContain(started);
    }

    [Fact]
    public async Task APlanIsComputedOnceHoweverManyRunsReachItAndOnlyManagersPlan()
    {
        var d = await api.Data.ReadyAsync();
        var response = await d.Manager.PostAsJsonAsync("/api/v1/dispatch/plans", new { storeId = d.StoreId, date = Tomorrow().ToString("yyyy-MM-dd"), seconds = 1 });
        var id = Guid.Parse((await response.Json()).Str("id"));
        using var scope = api.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<DayPlanJob>();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => job.RunAsync(id))));

        runs.Count(r => r).Should().Be(1);
        (await d.Manager.GetOk($"/api/v1/dispatch/plans/{id}")).Str("status").Should().Be("Ready");
        (await d.FrontDesk.PostAsJsonAsync("/api/v1/dispatch/plans", new { storeId = d.StoreId, date = "2026-12-01" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await (await d.Manager.PostAsJsonAsync("/api/v1/dispatch/plans", new { storeId = d.StoreId, date = "2026-12-01", seconds = 9999 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "seconds");
    }
}
