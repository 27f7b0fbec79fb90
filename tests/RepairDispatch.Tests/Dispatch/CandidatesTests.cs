using System.Net;
using System.Text.Json.Nodes;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Dispatch;

/// <summary>A small fixed scenario: six TV technicians around Century Avenue, one order next Wednesday afternoon.</summary>
public class CandidatesTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private const double SiteLat = 31.2397, SiteLon = 121.4998;

    private static DateOnly NextWednesday()
    {
        var day = TestData.StationToday().AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Wednesday) day = day.AddDays(1);
        return day;
    }

    private static async Task<string> Technician(TestData d, string code, string[] skills, double lat, double lon, int capacity = 6,
        string[]? workDays = null, string from = "08:30", string to = "18:00", string[]? certifications = null) =>
        (await d.Admin.PostOk("/api/v1/technicians", new
        {
            storeId = d.StoreId, code, name = "Tech " + code, phone = "13800000000", skills, certifications = certifications ?? [],
            districts = new[] { "Pudong" }, dailyCapacity = capacity, start = new { lat, lon }, shift = new { from, to },
            workDays = workDays ?? ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        })).Str("id");

    private static async Task<string> TvOrder(TestData d, string maker, DateOnly day)
    {
        var (customer, appliance) = await d.CustomerWithAppliance(TestData.StationToday().AddMonths(-6), category: "Tv", manufacturerId: maker);
        var from = new DateTimeOffset(day.Year, day.Month, day.Day, 14, 0, 0, Shanghai);
        return (await d.FrontDesk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "No picture",
            appointment = new { from, to = from.AddHours(2) },
            address = new { district = "Pudong", street = "1 Century Avenue", lat = SiteLat, lon = SiteLon },
        })).Str("id");
    }

    [Fact]
    public async Task HardRulesExcludeWithReasonsAndTheRestAreRankedNearestAndLeastLoadedFirst()
    {
        var d = await api.Data.ReadyAsync();
        var maker = (await d.Admin.PostOk("/api/v1/manufacturers", new { name = "TCL " + Guid.NewGuid().ToString("N")[..6] })).Str("id");
        await d.Manager.PostOk($"/api/v1/manufacturers/{maker}/contracts", new
        {
            validFrom = TestData.StationToday().AddYears(-1).ToString("yyyy-MM-dd"), categories = new[] { "Tv" }, certificationRequired = true,
            fees = new { repair = new[] { new { category = "Tv", level = "Minor", amount = 50m } }, partsReimbursement = "AtCost" },
        });
        var near = await Technician(d, "NEAR", ["Tv"], SiteLat + 0.01, SiteLon, certifications: [maker]);
        var far = await Technician(d, "FAR", ["Tv"], SiteLat + 0.15, SiteLon + 0.1, certifications: [maker]);
        var busy = await Technician(d, "BUSY", ["Tv"], SiteLat, SiteLon + 0.01, capacity: 1, certifications: [maker]);
        var unskilled = await Technician(d, "AUDIO", ["Audio"], SiteLat, SiteLon, certifications: [maker]);
        var sunday = await Technician(d, "SUN", ["Tv"], SiteLat, SiteLon, workDays: ["Sun"], certifications: [maker]);
        var night = await Technician(d, "NIGHT", ["Tv"], SiteLat, SiteLon, from: "18:30", to: "23:00", certifications: [maker]);
        var uncertified = await Technician(d, "NOCERT", ["Tv"], SiteLat, SiteLon);
        var day = NextWednesday();
        var booked = await TvOrder(d, maker, day);
        await d.Manager.PostOk($"/api/v1/work-orders/{booked}/assign", new { technicianId = busy }, HttpStatusCode.OK);
        var order = await TvOrder(d, maker, day);

        var result = await d.Manager.GetOk($"/api/v1/dispatch/candidates?workOrderId={order}");

        var ranked = result["candidates"]!.AsArray().Select(c => c!).ToList();
        ranked.Select(c => c.Str("id")).Should().Equal(near, far);
        ranked[0]["score"]!.GetValue<double>().Should().BeGreaterThan(ranked[1]["score"]!.GetValue<double>());
        ranked[0]["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Contain(r => r.StartsWith("从家出发"));
        ranked[0]["reasonCodes"]!.AsArray().Select(r => r.Str("code")).Should().Contain("candidate.travel-from-home");
        string Why(string id) => string.Join("; ", result["excluded"]!.AsArray().Single(e => e.Str("id") == id)!["reasons"]!.AsArray()
            .Select(r => r!.GetValue<string>()));
        Why(busy).Should().Contain("当天已满");
        Why(unskilled).Should().Contain("不会修彩电");
        Why(sunday).Should().Contain("周三不上班");
        Why(night).Should().Contain("与预约时段不重合");
        Why(uncertified).Should().Contain("未获厂家认证");
        Why(d.TechnicianA).Should().Contain("不会修彩电");
    }

    [Fact]
    public async Task OnlyManagersAskAndAnotherStoresOrderIsNotFound()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");

        (await d.FrontDesk.GetAsync($"/api/v1/dispatch/candidates?workOrderId={id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await d.TechA.GetAsync($"/api/v1/dispatch/candidates?workOrderId={id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await (await d.Manager.GetAsync($"/api/v1/dispatch/candidates?workOrderId={Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await d.Manager.GetAsync("/api/v1/dispatch/candidates")).ShouldBeProblem(HttpStatusCode.BadRequest);
        JsonNode ok = await d.Manager.GetOk($"/api/v1/dispatch/candidates?workOrderId={id}");
        ok.Str("workOrderId").Should().Be(id);
    }
}
