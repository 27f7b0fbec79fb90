using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using RepairDispatch.Api.Dispatch;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Stores;

/// <summary>
/// A second store in Los Angeles, whose day is not headquarters': daylight saving starts there on 2026-03-08 (that day
/// has 23 hours) and ends on 2026-11-01, right after the end of October. Each test moves the service's clock to the
/// instant it is about and signs in afresh (a token of another day has expired on the moved clock).
/// </summary>
public sealed class SecondStoreFixture : ApiFactory
{
    public SemaphoreSlim Setup { get; } = new(1, 1);
    public string Store { get; set; } = "";
    public string Technician { get; set; } = "";
}

public class SecondStoreTests(SecondStoreFixture api) : IClassFixture<SecondStoreFixture>
{
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
    private static readonly (double Lat, double Lon) Downtown = (34.0522, -118.2437);

    /// <summary>The instant of a wall-clock time in Los Angeles.</summary>
    private static DateTimeOffset La(int month, int day, int hour, int minute = 0)
    {
        var wall = new DateTime(2026, month, day, hour, minute, 0);
        return new DateTimeOffset(wall, LosAngeles.GetUtcOffset(wall)).ToUniversalTime();
    }

    private sealed record Station(HttpClient Admin, HttpClient Desk, HttpClient Manager, HttpClient Technician);

    /// <summary>Moves the clock to the instant and signs the store's people in (the store is made once).</summary>
    private async Task<Station> At(DateTimeOffset instant)
    {
        api.Clock.Set(instant);
        var admin = await SignIn("admin", ApiFactory.AdminPassword);
        await api.Setup.WaitAsync();
        try
        {
            if (api.Store == "")
            {
                api.Store = (await admin.PostOk("/api/v1/stores", new
                {
                    code = "LAX", name = "Los Angeles", city = "Los Angeles", address = "1 Grand Ave", timeZone = "America/Los_Angeles",
                    lat = Downtown.Lat, lon = Downtown.Lon,
                })).Str("id");
                api.Technician = (await admin.PostOk("/api/v1/technicians", new
                {
                    storeId = api.Store, code = "LA-1", name = "Technician LA", phone = "13800000001", skills = new[] { "WashingMachine" },
                    workDays = new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" }, start = new { lat = Downtown.Lat, lon = Downtown.Lon },
                })).Str("id");
                foreach (var (user, role, technician) in new[] { ("la-desk", "frontdesk", (string?)null), ("la-manager", "manager", null), ("la-tech", "technician", api.Technician) })
                    await admin.PostOk("/api/v1/users", new { username = user, password = ApiFactory.UserPassword, role, storeId = api.Store, technicianId = technician });
            }
        }
        finally
        {
            api.Setup.Release();
        }
        return new Station(admin, await SignIn("la-desk"), await SignIn("la-manager"), await SignIn("la-tech"));
    }

    private async Task<HttpClient> SignIn(string username, string password = ApiFactory.UserPassword)
    {
        var client = api.CreateClient();
        var token = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password })).Json();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.Str("accessToken"));
        return client;
    }

    private async Task<string> Appliance(Station s, string purchaseDate, string? manufacturerId = null)
    {
        manufacturerId ??= (await s.Admin.PostOk("/api/v1/manufacturers", new { name = "Maker " + Guid.NewGuid().ToString("N")[..6] })).Str("id");
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var customer = await s.Desk.PostOk("/api/v1/customers", new
        {
            name = "Customer " + phone, phones = new[] { phone },
            addresses = new[] { new { district = "Downtown", street = "1 Grand Ave", lat = Downtown.Lat, lon = Downtown.Lon } },
        });
        var appliance = await s.Desk.PostOk($"/api/v1/customers/{customer.Str("id")}/appliances",
            new { category = "WashingMachine", manufacturerId, model = "WM-1", purchaseDate });
        return customer.Str("id") + "/" + appliance.Str("id");
    }

    private static async Task<JsonObject> Order(Station s, string customerAndAppliance, object? appointment = null)
    {
        var ids = customerAndAppliance.Split('/');
        return await s.Desk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = ids[0], applianceId = ids[1], faultDescription = "Does not spin", appointment,
        });
    }

    [Fact]
    public async Task NumbersCountTheStoresOwnDayAcrossTheSpringForward()
    {
        // 2026-03-08 has 23 hours in Los Angeles: its midnight ends at 07:00 UTC, not 08:00.
        var s = await At(La(3, 8, 23, 30));
        var beforeMidnight = await Order(s, await Appliance(s, "2025-01-01"));
        s = await At(La(3, 9, 0, 30));
        var afterMidnight = await Order(s, await Appliance(s, "2025-01-01"));

        beforeMidnight.Str("number").Should().StartWith("WO-20260308-");
        afterMidnight.Str("number").Should().StartWith("WO-20260309-");
        La(3, 9, 0, 30).Should().Be(new DateTimeOffset(2026, 3, 9, 7, 30, 0, TimeSpan.Zero), "the day after the change is UTC−7");
    }

    [Fact]
    public async Task AWarrantyEndsAtTheStoresMidnightNotHeadquarters()
    {
        // Bought 2025-03-09: the 12-month whole-unit warranty covers up to 2026-03-08 inclusive, in the store's days.
        // At 23:30 in Los Angeles it is already 2026-03-09 afternoon in Shanghai.
        var s = await At(La(3, 8, 23, 30));
        var late = await Order(s, await Appliance(s, "2025-03-09"));
        s = await At(La(3, 9, 0, 30));
        var next = await Order(s, await Appliance(s, "2025-03-09"));

        (late["warranty"]!["inWarranty"]!.GetValue<bool>(), late["warranty"].Str("coverage")).Should().Be((true, "WholeUnit"));
        (next["warranty"]!["inWarranty"]!.GetValue<bool>(), next["warranty"].Str("coverage")).Should().Be((false, "MainPartsOnly"));
    }

    [Fact]
    public async Task AJobDoneLateOnOctober31IsOctobersAndItsCallbackIsDueOnNovember1()
    {
        // 23:30 on 2026-10-31 in Los Angeles (PDT; the clocks go back at 02:00) is 2026-11-01 14:30 in Shanghai.
        var s = await At(La(10, 31, 22, 0));
        var id = (await Order(s, await Appliance(s, "2024-01-01"))).Str("id");
        await s.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = api.Technician }, HttpStatusCode.OK);
        foreach (var step in new[] { "accept", "depart" })
            (await s.Technician.PostAsync($"/api/v1/mobile/jobs/{id}/{step}", null)).EnsureSuccessStatusCode();
        (await s.Technician.PostAsJsonAsync($"/api/v1/mobile/jobs/{id}/arrive", new { lat = Downtown.Lat, lon = Downtown.Lon })).EnsureSuccessStatusCode();
        s = await At(La(10, 31, 23, 30));

        await s.Technician.PostOk($"/api/v1/mobile/jobs/{id}/complete", new { repairLevel = "Minor", mainPart = false, labourMinutes = 30 }, HttpStatusCode.OK);

        await using (var c = await api.Db.OpenAsync())
            (await c.ExecuteScalarAsync<string>("SELECT completed_period FROM work_orders WHERE id = @Id", new { Id = Guid.Parse(id) })).Should().Be("2026-10");
        var due = (await s.Desk.GetOk("/api/v1/callbacks?due=2026-11-01"))["items"]!.AsArray();
        due.Should().Contain(c => c!["workOrderId"]!.GetValue<string>() == id, "AfterService is the next day in the store's calendar");
        (await s.Desk.GetOk("/api/v1/callbacks"))["items"]!.AsArray().Should().NotContain(c => c!["workOrderId"]!.GetValue<string>() == id,
            "the store's today is still October 31");
    }

    [Fact]
    public async Task TheSpringForwardDaysPlanAndTheTechniciansPhoneHoldThatDaysVisitsOnly()
    {
        var s = await At(La(3, 7, 10));
        var morning = (await Order(s, await Appliance(s, "2023-01-01"), new { from = La(3, 8, 10), to = La(3, 8, 12) })).Str("id");
        var pastMidnight = (await Order(s, await Appliance(s, "2023-01-01"), new { from = La(3, 9, 0, 30), to = La(3, 9, 2) })).Str("id");
        foreach (var id in new[] { morning, pastMidnight })
            await s.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = api.Technician }, HttpStatusCode.OK);

        var response = await s.Manager.PostAsJsonAsync("/api/v1/dispatch/plans", new { storeId = api.Store, date = "2026-03-08", seconds = 1 });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var planId = (await response.Json()).Str("id");
        using (var scope = api.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<DayPlanJob>().RunAsync(Guid.Parse(planId))).Should().BeTrue();
        var plan = await s.Manager.GetOk($"/api/v1/dispatch/plans/{planId}");

        var stops = plan["routes"]!.AsArray().SelectMany(r => r!["stops"]!.AsArray()).ToList();
        stops.Select(x => x.Str("workOrderId")).Should().Equal(morning);
        plan["unplanned"]!.AsArray().Should().BeEmpty("00:30 on 2026-03-09 is the next day's visit, though within 24 h of the day's start");
        // The shift (08:30 local) starts 7.5 h after a midnight an hour short: 15:30 UTC, not 16:30.
        stops[0]!["arrival"]!.GetValue<DateTimeOffset>().Should().BeOnOrAfter(La(3, 8, 8, 30));
        stops[0]!["serviceStart"]!.GetValue<DateTimeOffset>().Should().BeOnOrAfter(La(3, 8, 10)).And.BeOnOrBefore(La(3, 8, 12));
        var phone = (await s.Technician.GetOk("/api/v1/mobile/jobs?date=2026-03-08"))["items"]!.AsArray().Select(j => j!["order"].Str("id"));
        phone.Should().Contain(morning).And.NotContain(pastMidnight);
    }
}
