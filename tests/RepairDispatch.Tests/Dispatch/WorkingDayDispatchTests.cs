using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RepairDispatch.Api.Dispatch;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Dispatch;

/// <summary>
/// The seeded 2026 calendar at work: 10-01 (Thursday) is a holiday, 09-20 (Sunday) a make-up working day. Technician A
/// works Monday to Saturday, as technicians do by default.
/// </summary>
public class WorkingDayDispatchTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static async Task<string> BookedOn(TestData d, DateOnly day)
    {
        var (customer, appliance) = await d.CustomerWithAppliance(TestData.StationToday().AddYears(-3));
        var from = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), Shanghai);
        return (await d.FrontDesk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "Broken",
            appointment = new { from, to = from.AddHours(2) },
        })).Str("id");
    }

    private static async Task<(string[] Candidates, string[] Excluded)> CandidatesFor(TestData d, string order)
    {
        var body = await d.Manager.GetOk($"/api/v1/dispatch/candidates?workOrderId={order}");
        return ([.. body["candidates"]!.AsArray().Select(c => c.Str("id"))], [.. body["excluded"]!.AsArray().Select(c => c.Str("id"))]);
    }

    [Fact]
    public async Task NoTechnicianIsACandidateOnAHolidayAndAMakeUpSundayIsWorked()
    {
        var d = await api.Data.ReadyAsync();

        var holiday = await CandidatesFor(d, await BookedOn(d, new DateOnly(2026, 10, 1)));
        var makeUpSunday = await CandidatesFor(d, await BookedOn(d, new DateOnly(2026, 9, 20)));
        var ordinarySunday = await CandidatesFor(d, await BookedOn(d, new DateOnly(2026, 9, 27)));

        holiday.Candidates.Should().NotContain(d.TechnicianA);
        holiday.Excluded.Should().Contain(d.TechnicianA);
        makeUpSunday.Candidates.Should().Contain(d.TechnicianA);
        ordinarySunday.Excluded.Should().Contain(d.TechnicianA);
    }

    [Fact]
    public async Task AHolidaysPlanHasNoTechnicianAndLeavesItsVisitsUnplanned()
    {
        var d = await api.Data.ReadyAsync();
        var visit = await BookedOn(d, new DateOnly(2026, 10, 2));

        var response = await d.Manager.PostAsJsonAsync("/api/v1/dispatch/plans", new { storeId = d.StoreId, date = "2026-10-02", seconds = 1 });
        var id = (await response.Json()).Str("id");
        using (var scope = api.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<DayPlanJob>().RunAsync(Guid.Parse(id))).Should().BeTrue();
        var plan = await d.Manager.GetOk($"/api/v1/dispatch/plans/{id}");

        plan["routes"]!.AsArray().Should().BeEmpty("2026-10-02 (a Friday) is a holiday: nobody works by default");
        plan["unplanned"]!.AsArray().Select(u => u.Str("workOrderId")).Should().Contain(visit);
    }

    [Fact]
    public async Task AnUnansweredCallBeforeTheNationalDayWeekIsDueTheDayAfterIt()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");
        await d.CompleteByTechnicianA(id);
        var callback = (await d.FrontDesk.GetOk($"/api/v1/callbacks?due={TestData.StationToday().AddDays(1):yyyy-MM-dd}"))["items"]!.AsArray()
            .Single(c => c.Str("workOrderId") == id)!.Str("id");
        var shift = new DateTimeOffset(2026, 9, 30, 2, 0, 0, TimeSpan.Zero) - api.Clock.GetUtcNow(); // 10:00 on Wednesday 09-30 in Shanghai
        api.Clock.Advance(shift);
        try
        {
            var desk = api.CreateClient();
            var token = await (await desk.PostAsJsonAsync("/api/v1/auth/token", new { username = "desk1", password = ApiFactory.UserPassword })).Json();
            desk.DefaultRequestHeaders.Authorization = new("Bearer", token.Str("accessToken"));

            var result = await desk.PostOk($"/api/v1/callbacks/{callback}/result", new { outcome = "NoAnswer" }, HttpStatusCode.OK);

            result.Str("dueOn").Should().Be("2026-10-08", "10-01 to 10-07 are holidays; Thursday 10-08 is the next working day");
        }
        finally
        {
            api.Clock.Advance(-shift);
        }
    }
}
