using System.Net;
using System.Net.Http.Json;
using Dapper;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Mobile;

namespace RepairDispatch.Tests.WorkOrders;

/// <summary>
/// Someone else saves the row between a request's read and its write (<see cref="Race"/>): the change is never lost
/// silently. Work orders run again from fresh state (and succeed once the row holds still, or answer 409); complaints
/// and callbacks, where doing it again could record one call twice, answer 409. Either way a refusal writes nothing.
/// </summary>
public class LostUpdateTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static async Task<string[]> Events(TestData d, string id) => await MobileClient.EventKinds(d, id);

    [Fact]
    public async Task AStatusStepRacedOnceRunsAgainFromFreshStateAndHappensOnce()
    {
        var d = await api.Data.ReadyAsync();
        var id = await MobileClient.AssignedToA(d);
        var before = await Events(d, id);

        using (var race = Race.Once(api))
        {
            (await d.TechA.Step(id, "accept")).StatusCode.Should().Be(HttpStatusCode.OK);
            race.Writes.Should().Be(2, "the first save met the concurrent change, the second ran from fresh state");
        }

        (await MobileClient.Order(d, id)).Str("status").Should().Be("Accepted");
        (await Events(d, id)).Should().Equal([.. before, "Accept"]);
    }

    [Fact]
    public async Task AStatusStepWhoseOrderKeepsChangingIs409AndWritesNothing()
    {
        var d = await api.Data.ReadyAsync();
        var id = await MobileClient.AssignedToA(d);
        var before = await DatabaseSnapshot.TakeAsync(api.Db);

        using (Race.Always(api))
            (await (await d.TechA.Step(id, "accept")).ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").Should().EndWith("concurrent-update");

        (await DatabaseSnapshot.TakeAsync(api.Db)).DifferencesFrom(before).Should().BeEmpty();
    }

    [Fact]
    public async Task APatchRacedOnceIsSavedOnceOverTheFreshRow()
    {
        var d = await api.Data.ReadyAsync();
        var id = (await d.NewWorkOrder()).Str("id");
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/work-orders/{id}") { Content = JsonContent.Create(new { priority = "Urgent" }) };
        patch.Headers.TryAddWithoutValidation("If-Match", "\"1\"");

        using (var race = Race.Once(api))
        {
            (await d.FrontDesk.SendAsync(patch)).StatusCode.Should().Be(HttpStatusCode.OK);
            race.Writes.Should().Be(2);
        }

        var order = await MobileClient.Order(d, id);
        (order.Str("priority"), order["version"]!.GetValue<long>()).Should().Be(("Urgent", 2L));
        (await Events(d, id)).Should().Equal("Created", "Updated");
    }

    [Fact]
    public async Task AutoDispatchRacedOnceAssignsOnceAndWhenTheOrderKeepsChangingNothingIsCreated()
    {
        var d = await api.Data.ReadyAsync();
        var settings = $"/api/v1/dispatch/settings/{d.StoreId}";
        (await d.Manager.PutAsJsonAsync(settings, new { roadFactor = 1.3, citySpeedKmh = 25, autoDispatch = true })).EnsureSuccessStatusCode();
        try
        {
            var (customer, appliance) = await d.CustomerWithAppliance();
            string id;
            using (Race.Once(api)) id = (await d.WorkOrder(customer, appliance)).Str("id");
            (await MobileClient.Order(d, id)).Str("status").Should().Be("Assigned");
            (await Events(d, id)).Should().Equal("Created", "AutoAssigned");

            var (other, itsAppliance) = await d.CustomerWithAppliance();
            var before = await DatabaseSnapshot.TakeAsync(api.Db);
            using (Race.Always(api))
                await (await d.FrontDesk.PostAsJsonAsync("/api/v1/work-orders", new
                {
                    type = "Repair", source = "Phone", customerId = other, applianceId = itsAppliance, faultDescription = "No power",
                })).ShouldBeProblem(HttpStatusCode.Conflict);
            (await DatabaseSnapshot.TakeAsync(api.Db)).DifferencesFrom(before).Should().BeEmpty("no order, no event, no number taken");
        }
        finally
        {
            await d.Manager.PutAsJsonAsync(settings, new { roadFactor = 1.3, citySpeedKmh = 25, autoDispatch = false });
        }
    }

    [Fact]
    public async Task AComplaintChangedMeanwhileIs409AndWritesNothing()
    {
        var d = await api.Data.ReadyAsync();
        var (customer, _) = await d.CustomerWithAppliance();
        var id = (await d.FrontDesk.PostOk("/api/v1/complaints", new { source = "Phone", customerId = customer, description = "迟到" })).Str("id");
        var before = await DatabaseSnapshot.TakeAsync(api.Db);

        using (Race.Once(api))
            (await (await d.FrontDesk.PostAsJsonAsync($"/api/v1/complaints/{id}/resolve", new { resolution = "道歉" }))
                .ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").Should().EndWith("complaint-changed");

        (await DatabaseSnapshot.TakeAsync(api.Db)).DifferencesFrom(before).Should().BeEmpty();
    }

    [Fact]
    public async Task ACallbackRecordedMeanwhileIs409AndWritesNothing()
    {
        var d = await api.Data.ReadyAsync();
        var order = (await d.CompleteByTechnicianA((await d.NewWorkOrder()).Str("id"))).Str("id");
        await using var c = await api.Db.OpenAsync();
        var callback = await c.ExecuteScalarAsync<Guid>("SELECT id FROM callbacks WHERE work_order_id = @Id", new { Id = Guid.Parse(order) });
        var before = await DatabaseSnapshot.TakeAsync(api.Db);

        using (Race.Once(api))
            (await (await d.FrontDesk.PostAsJsonAsync($"/api/v1/callbacks/{callback}/result", new { outcome = "Reached", satisfaction = 1 }))
                .ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").Should().EndWith("callback-changed");

        (await DatabaseSnapshot.TakeAsync(api.Db)).DifferencesFrom(before).Should().BeEmpty("no complaint, no charge, no message");
    }
}
