using System.Net;
using System.Net.Http.Json;
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
/// Applying a day plan and inserting an urgent order save several orders; when one of them changes between the read and
/// the write (<see cref="Race"/>), the whole unit runs again from fresh state (one assignment, one event per order), or,
/// if the orders keep changing, is refused with nothing written. Each test plans its own day.
/// </summary>
public class PlanLostUpdateTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <summary>The n-th day from tomorrow on that technicians work by default (Monday to Saturday).</summary>
    private static DateOnly WorkingDay(int n)
    {
        var day = TestData.StationToday();
        while (n > 0)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek != DayOfWeek.Sunday) n--;
        }
        return day;
    }

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), Shanghai);

    private static async Task<string> Booked(TestData d, DateOnly day, int fromHour, double lat, string priority = "Normal")
    {
        var (customer, appliance) = await d.CustomerWithAppliance(TestData.StationToday().AddYears(-3));
        return (await d.FrontDesk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "Leaking", priority,
            appointment = new { from = At(day, fromHour), to = At(day, fromHour + 4) },
            address = new { district = "Pudong", street = "Century Avenue", lat, lon = 121.50 },
        })).Str("id");
    }

    /// <summary>Three booked visits on the day and a Ready plan for it.</summary>
    private async Task<(string Plan, List<string> Orders)> ReadyPlan(TestData d, DateOnly day)
    {
        var orders = new List<string>();
        for (var i = 0; i < 3; i++) orders.Add(await Booked(d, day, i == 0 ? 9 : 13, 31.20 + i * 0.01));
        var plan = (await (await d.Manager.PostAsJsonAsync("/api/v1/dispatch/plans", new { storeId = d.StoreId, date = day.ToString("yyyy-MM-dd"), seconds = 1 })).Json()).Str("id");
        using var scope = api.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<DayPlanJob>().RunAsync(Guid.Parse(plan))).Should().BeTrue();
        return (plan, orders);
    }

    [Fact]
    public async Task ApplyingAPlanRacedOnceAssignsEveryOrderOnce()
    {
        var d = await api.Data.ReadyAsync();
        var (plan, orders) = await ReadyPlan(d, WorkingDay(2));

        using (var race = Race.Once(api))
        {
            await d.Manager.PostOk($"/api/v1/dispatch/plans/{plan}/apply", new { }, HttpStatusCode.OK);
            race.Writes.Should().Be(orders.Count + 1, "the first save met the concurrent change; then every order was saved once");
        }

        foreach (var id in orders)
        {
            (await MobileClient.Order(d, id)).Str("status").Should().Be("Assigned");
            (await MobileClient.EventKinds(d, id)).Should().Equal("Created", "Assign");
        }
    }

    [Fact]
    public async Task ApplyingAPlanWhoseOrdersKeepChangingIs409AndWritesNothing()
    {
        var d = await api.Data.ReadyAsync();
        var (plan, _) = await ReadyPlan(d, WorkingDay(3));
        var before = await DatabaseSnapshot.TakeAsync(api.Db);

        using (Race.Always(api))
            await (await d.Manager.PostAsJsonAsync($"/api/v1/dispatch/plans/{plan}/apply", new { })).ShouldBeProblem(HttpStatusCode.Conflict);

        (await DatabaseSnapshot.TakeAsync(api.Db)).DifferencesFrom(before).Should().BeEmpty("the plan stays Ready and no order is assigned");
    }

    [Fact]
    public async Task AnUrgentInsertionRacedOnceAssignsOnceAndOneThatKeepsMeetingChangesWritesNothing()
    {
        var d = await api.Data.ReadyAsync();
        var day = WorkingDay(4);
        var (plan, _) = await ReadyPlan(d, day);
        await d.Manager.PostOk($"/api/v1/dispatch/plans/{plan}/apply", new { }, HttpStatusCode.OK);
        var urgent = await Booked(d, day, 11, 31.215, "Urgent");
        var stuck = await Booked(d, day, 11, 31.216, "Urgent");

        UrgentInsertionResponse? inserted;
        using (Race.Once(api)) inserted = await InsertAt(urgent, At(day, 10));
        var before = await DatabaseSnapshot.TakeAsync(api.Db);
        Func<Task> always = async () =>
        {
            using (Race.Always(api)) await InsertAt(stuck, At(day, 10));
        };

        inserted!.TechnicianId.Should().NotBeNull(inserted.Reason);
        (await MobileClient.EventKinds(d, urgent)).Should().Equal("Created", "Assign");
        await always.Should().ThrowAsync<ConcurrencyConflictException>();
        (await DatabaseSnapshot.TakeAsync(api.Db)).DifferencesFrom(before).Should().BeEmpty();
    }

    private async Task<UrgentInsertionResponse?> InsertAt(string orderId, DateTimeOffset now)
    {
        var db = api.Services.GetRequiredService<Db>();
        var me = new CurrentUser(Guid.Parse((await (await api.AdminClient()).GetOk("/api/v1/me")).Str("id")), "admin", Roles.Admin, null, null);
        return await db.InTransactionAsync(async (c, tx) => await UrgentInsertions.TryAsync(c, tx, (await WorkOrder.LoadAsync(c, tx, Guid.Parse(orderId)))!,
            me, now.ToUniversalTime(), api.Services.GetRequiredService<IOptions<DispatchOptions>>().Value, api.Services.GetRequiredService<ITravelTimesProvider>()));
    }
}
