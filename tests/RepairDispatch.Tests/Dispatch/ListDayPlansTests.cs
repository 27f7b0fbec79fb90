using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RepairDispatch.Api.Dispatch;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Dispatch;

/// <summary>A day's plans can be found again (the console draws the applied one as the technicians' routes).</summary>
public class ListDayPlansTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task TheDaysPlansAreListedNewestFirstWithTheAppliedOnesRoutes()
    {
        var d = await api.Data.ReadyAsync();
        var date = TestData.StationToday().AddDays(2);
        while (date.DayOfWeek == DayOfWeek.Sunday) date = date.AddDays(1); // technician A works Monday to Saturday
        var day = date.ToString("yyyy-MM-dd");
        var (customer, appliance) = await d.CustomerWithAppliance(category: "Refrigerator");
        await d.FrontDesk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "Not cooling",
            appointment = new { from = $"{day}T09:00:00+08:00", to = $"{day}T12:00:00+08:00" },
        });
        var first = await Plan(d, day);
        await d.Manager.PostOk($"/api/v1/dispatch/plans/{first}/apply", null, HttpStatusCode.OK);
        var second = await Plan(d, day);

        var plans = (await d.Manager.GetOk($"/api/v1/dispatch/plans?storeId={d.StoreId}&date={day}"))["items"]!.AsArray();

        plans.Select(p => p.Str("id")).Should().Equal(second, first);
        plans[1]!.Str("status").Should().Be("Applied");
        plans[1]!["routes"]!.AsArray().Should().ContainSingle(r => r.Str("technicianId") == d.TechnicianA);
        (await d.Manager.GetOk($"/api/v1/dispatch/plans?storeId={d.StoreId}&date=2020-01-01"))["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task StoreAndDateAreRequiredAndOnlyDispatchersMayList()
    {
        var d = await api.Data.ReadyAsync();

        await (await d.Manager.GetAsync($"/api/v1/dispatch/plans?storeId={d.StoreId}")).ShouldBeProblem(HttpStatusCode.BadRequest, "date");
        await (await d.Manager.GetAsync("/api/v1/dispatch/plans?date=2026-01-01")).ShouldBeProblem(HttpStatusCode.BadRequest, "storeId");
        (await d.FrontDesk.GetAsync($"/api/v1/dispatch/plans?storeId={d.StoreId}&date=2026-01-01")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<string> Plan(TestData d, string day)
    {
        var response = await d.Manager.PostAsJsonAsync("/api/v1/dispatch/plans", new { storeId = d.StoreId, date = day, seconds = 1 });
        var id = (await response.Json()).Str("id");
        using var scope = api.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DayPlanJob>().RunAsync(Guid.Parse(id));
        return id;
    }
}
