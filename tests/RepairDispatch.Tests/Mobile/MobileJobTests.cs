using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Mobile;

/// <summary>A technician's day through the mobile API: what the phone shows, each step, parts and stock, and what is refused.</summary>
public class MobileJobTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private async Task<long> Stock(TestData d) =>
        (await d.Manager.GetOk($"/api/v1/parts/{d.PartId}/stock"))["items"]!.AsArray()
            .Where(s => s.Str("storeId") == d.StoreId).Select(s => s!["quantity"]!.GetValue<long>()).SingleOrDefault();

    [Fact]
    public async Task ATechnicianWorksAJobFromTheListToCompletionWithPartsAndSignature()
    {
        var d = await api.Data.ReadyAsync();
        await d.Manager.PutAsJsonAsync($"/api/v1/parts/{d.PartId}/stock/{d.StoreId}", new { quantity = 5 });
        var (customer, appliance) = await d.CustomerWithAppliance(TestData.StationToday().AddYears(-5));
        var earlier = (await d.WorkOrder(customer, appliance)).Str("id");
        await d.CompleteByTechnicianA(earlier);
        var today = TestData.StationToday();
        var from = new DateTimeOffset(today.Year, today.Month, today.Day, 14, 0, 0, Shanghai);
        var id = (await d.FrontDesk.PostOk("/api/v1/work-orders", new
        {
            type = "Repair", source = "Phone", customerId = customer, applianceId = appliance, faultDescription = "Leaks water",
            appointment = new { from, to = from.AddHours(2) }, allowDuplicate = true,
        })).Str("id");
        await d.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = d.TechnicianA }, HttpStatusCode.OK);

        var list = await d.TechA.GetOk($"/api/v1/mobile/jobs?date={today:yyyy-MM-dd}");
        var job = list["items"]!.AsArray().Single(j => j!["order"].Str("id") == id)!;
        job["customer"].Str("name").Should().StartWith("Customer 139");
        job["customer"].Str("phone").Should().StartWith("139");
        job["appliance"].Str("brand").Should().Be("Haier");
        job["appliance"].Str("model").Should().Be("XQG100");
        job["previousVisits"]!.AsArray().Select(v => v.Str("workOrderId")).Should().Equal(earlier);
        job["order"]!["warranty"]!["payer"]!.GetValue<string>().Should().Be("Customer", "the washer is five years old");
        job["order"]!["sla"]!["onSiteBy"].Should().NotBeNull();

        await TakenTwoHoursAgo(id);
        var etag = (await d.TechA.GetAsync($"/api/v1/mobile/jobs/{id}")).Headers.ETag!.ToString();
        // The phone was offline since it accepted: it reports accepting, leaving and arriving now, with its own times.
        var accepted = await d.TechA.Step(id, "accept", new { occurredAt = api.Clock.GetUtcNow().AddMinutes(-60) }, ifMatch: etag);
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        var (departedAt, arrivedAt) = (api.Clock.GetUtcNow().AddMinutes(-50), api.Clock.GetUtcNow().AddMinutes(-20));
        (await d.TechA.Step(id, "depart", new { occurredAt = departedAt }, ifMatch: accepted.Headers.ETag!.ToString())).StatusCode.Should().Be(HttpStatusCode.OK);
        (await d.TechA.Step(id, "arrive", new { lat = 31.2397, lon = 121.4998, occurredAt = arrivedAt })).StatusCode.Should().Be(HttpStatusCode.OK);
        var done = await d.TechA.Step(id, "complete", new
        {
            repairLevel = "PartReplacement", failedPart = "Drain pump", mainPart = false, labourMinutes = 50, notes = "Replaced the pump",
            parts = new[] { new { partId = d.PartId, qty = 2 } }, customerRating = 5, customerSignature = MobileClient.TinyPng,
        });

        done.StatusCode.Should().Be(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        (await done.Json()).Str("status").Should().Be("Completed");
        (await Stock(d)).Should().Be(3, "two pumps were taken from five");
        var money = await d.Finance.GetOk($"/api/v1/work-orders/{id}/charges");
        money["charges"]!.AsArray().Should().Contain(c => c.Str("party") == "Customer" && c!["amount"]!.GetValue<decimal>() == 190.00m,
            "two pumps at the retail price of 95.00");
        var events = (await d.Manager.GetOk($"/api/v1/work-orders/{id}/events"))["items"]!.AsArray();
        events.Select(e => e.Str("kind")).Should().Equal("Created", "Assign", "Accept", "Depart", "Arrive", "Complete");
        var arrive = events.Single(e => e.Str("kind") == "Arrive")!;
        arrive["occurredAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(arrivedAt, TimeSpan.FromMilliseconds(1));
        arrive["at"]!.GetValue<DateTimeOffset>().Should().BeAfter(arrivedAt.AddMinutes(19), "the server heard of it later");
        (await d.CountRowsOf("work_order_signatures", id)).Should().Be(1);
        (await d.CountRowsOf("work_order_parts", id)).Should().Be(1);
    }

    /// <summary>The order was taken and assigned two hours ago (its times and events moved back).</summary>
    private async Task TakenTwoHoursAgo(string id)
    {
        await using var c = await api.Db.OpenAsync();
        var args = new { Id = Guid.Parse(id), At = api.Clock.GetUtcNow().AddHours(-2) };
        await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE work_orders SET created_at = @At WHERE id = @Id", args);
        await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE work_order_events SET at = @At, occurred_at = @At WHERE work_order_id = @Id", args);
    }

    [Fact]
    public async Task AStepCannotHaveHappenedBeforeTheJobsPreviousStep()
    {
        var d = await api.Data.ReadyAsync();
        var id = await MobileClient.AssignedToA(d);

        await (await d.TechA.Step(id, "accept", new { occurredAt = api.Clock.GetUtcNow().AddHours(-1) }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "occurredAt");

        (await MobileClient.Order(d, id)).Str("status").Should().Be("Assigned");
    }

    [Theory]
    [InlineData("depart")]
    [InlineData("arrive")]
    [InlineData("await-parts")]
    [InlineData("complete")]
    public async Task AStepOutOfOrderIs409WithTheCurrentStatusAndChangesNothing(string step)
    {
        var d = await api.Data.ReadyAsync();
        var id = await MobileClient.AssignedToA(d);

        var problem = await (await d.TechA.Step(id, step, MobileClient.BodyOf(step, d))).ShouldBeProblem(HttpStatusCode.Conflict);

        problem.Str("currentStatus").Should().Be("Assigned");
        (await MobileClient.Order(d, id)).Str("status").Should().Be("Assigned");
        (await MobileClient.EventKinds(d, id)).Should().Equal("Created", "Assign");
    }

    [Fact]
    public async Task AStaleIfMatchIs412WithTheCurrentETag()
    {
        var d = await api.Data.ReadyAsync();
        var id = await MobileClient.AssignedToA(d);
        var stale = (await d.TechA.GetAsync($"/api/v1/mobile/jobs/{id}")).Headers.ETag!.ToString();
        await d.Manager.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/work-orders/{id}")
        {
            Content = Http.RawJson("""{"faultDescription":"Also noisy"}""", "application/merge-patch+json"),
            Headers = { IfMatch = { System.Net.Http.Headers.EntityTagHeaderValue.Parse(stale) } },
        });
        var current = (await d.TechA.GetAsync($"/api/v1/mobile/jobs/{id}")).Headers.ETag!.ToString();

        var response = await d.TechA.Step(id, "accept", ifMatch: stale);

        var problem = await response.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        problem.Str("currentETag").Should().Be(current);
        response.Headers.ETag!.ToString().Should().Be(current);
        (await MobileClient.Order(d, id)).Str("status").Should().Be("Assigned");
    }

    [Fact]
    public async Task AnotherTechniciansJobIsNotFoundOnEveryMobileRoute()
    {
        var d = await api.Data.ReadyAsync();
        var id = await MobileClient.AssignedToA(d);

        await (await d.TechB.GetAsync($"/api/v1/mobile/jobs/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        foreach (var step in new[] { "accept", "decline", "depart", "arrive", "await-parts", "complete" })
            await (await d.TechB.Step(id, step, MobileClient.BodyOf(step, d))).ShouldBeProblem(HttpStatusCode.NotFound);
        (await d.TechB.GetOk("/api/v1/mobile/jobs"))["items"]!.AsArray().Select(j => j!["order"].Str("id")).Should().NotContain(id);
        (await d.TechB.GetOk("/api/v1/mobile/sync"))["upserts"]!.AsArray().Select(j => j!["order"].Str("id")).Should().NotContain(id);
        (await MobileClient.EventKinds(d, id)).Should().Equal("Created", "Assign");
    }

    public static TheoryData<string, object, string> BadCompletions() => new()
    {
        { "negative quantity", new { repairLevel = "Minor", mainPart = false, labourMinutes = 30, parts = new[] { new { partId = Guid.Empty, qty = -1 } } }, "parts[0].qty" },
        { "rating 6", new { repairLevel = "Minor", mainPart = false, labourMinutes = 30, customerRating = 6 }, "customerRating" },
        { "rating 0", new { repairLevel = "Minor", mainPart = false, labourMinutes = 30, customerRating = 0 }, "customerRating" },
        { "signature not an image", new { repairLevel = "Minor", mainPart = false, labourMinutes = 30, customerSignature = Convert.ToBase64String("hello"u8.ToArray()) }, "customerSignature" },
        { "signature too big", new { repairLevel = "Minor", mainPart = false, labourMinutes = 30, customerSignature = new string('A', 44_000) }, "customerSignature" },
        { "occurredAt in the future", new { repairLevel = "Minor", mainPart = false, labourMinutes = 30, occurredAt = TestClock.Start.AddHours(1) }, "occurredAt" },
        { "occurredAt 8 days ago", new { repairLevel = "Minor", mainPart = false, labourMinutes = 30, occurredAt = TestClock.Start.AddDays(-8) }, "occurredAt" },
        { "no labour minutes", new { repairLevel = "Minor", mainPart = false }, "labourMinutes" },
    };

    [Theory]
    [MemberData(nameof(BadCompletions))]
    public async Task ABadCompletionIs400NamingTheFieldAndChangesNothing(string why, object body, string field)
    {
        var d = await api.Data.ReadyAsync();
        var id = await MobileClient.OnSiteWithA(d);

        await (await d.TechA.Step(id, "complete", body)).ShouldBeProblem(HttpStatusCode.BadRequest, field);

        (await MobileClient.Order(d, id)).Str("status").Should().Be("OnSite", why);
        (await MobileClient.EventKinds(d, id)).Should().NotContain("Complete");
        (await d.CountRowsOf("work_order_parts", id)).Should().Be(0);
    }

    [Fact]
    public async Task AnUnknownPartOrMoreThanTheStoreHasIsRefusedAndNothingIsTaken()
    {
        var d = await api.Data.ReadyAsync();
        await d.Manager.PutAsJsonAsync($"/api/v1/parts/{d.PartId}/stock/{d.StoreId}", new { quantity = 1 });
        var id = await MobileClient.OnSiteWithA(d);
        object Completion(Guid part, int qty) => new { repairLevel = "Minor", mainPart = false, labourMinutes = 30, parts = new[] { new { partId = part, qty } } };

        await (await d.TechA.Step(id, "complete", Completion(Guid.NewGuid(), 1))).ShouldBeProblem(HttpStatusCode.BadRequest, "parts[0].partId");
        var short_ = await (await d.TechA.Step(id, "complete", Completion(Guid.Parse(d.PartId), 3))).ShouldBeProblem(HttpStatusCode.Conflict);

        short_["inStock"]!.GetValue<long>().Should().Be(1);
        (await Stock(d)).Should().Be(1);
        (await MobileClient.Order(d, id)).Str("status").Should().Be("OnSite");
        (await d.TechA.Step(id, "complete", Completion(Guid.Parse(d.PartId), 1))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Stock(d)).Should().Be(0);
    }

    [Fact]
    public async Task ArriveNeedsWhereAndAwaitingPartsNeedsWhichParts()
    {
        var d = await api.Data.ReadyAsync();
        var id = await MobileClient.AssignedToA(d);
        await d.TechA.Step(id, "accept");
        await d.TechA.Step(id, "depart");

        await (await d.TechA.Step(id, "arrive", new { lon = 121.5 })).ShouldBeProblem(HttpStatusCode.BadRequest, "lat");
        await (await d.TechA.Step(id, "arrive", new { lat = 91, lon = 121.5 })).ShouldBeProblem(HttpStatusCode.BadRequest, "lat");
        (await d.TechA.Step(id, "arrive", MobileClient.BodyOf("arrive", d))).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await d.TechA.Step(id, "await-parts", new { note = "?" })).ShouldBeProblem(HttpStatusCode.BadRequest, "parts");
        (await d.TechA.Step(id, "await-parts", MobileClient.BodyOf("await-parts", d))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await MobileClient.Order(d, id)).Str("status").Should().Be("AwaitingParts");
        (await d.CountRowsOf("work_order_part_requests", id)).Should().Be(1);
    }
}
