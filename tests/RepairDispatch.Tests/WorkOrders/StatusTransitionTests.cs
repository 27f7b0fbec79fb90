using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.WorkOrders;

public sealed class TransitionFixture : ApiFactory
{
    public TestData Data { get; }
    public TransitionFixture() => Data = new TestData(this);
}

/// <summary>Every (status, action) pair through the HTTP routes: allowed ones move and write an event, refused ones change nothing.</summary>
public class StatusTransitionTests(TransitionFixture api) : IClassFixture<TransitionFixture>
{
    // How to bring a new order into each status, with allowed steps only.
    private static readonly Dictionary<WorkOrderStatus, WorkOrderAction[]> PathTo = new()
    {
        [WorkOrderStatus.New] = [],
        [WorkOrderStatus.Assigned] = [WorkOrderAction.Assign],
        [WorkOrderStatus.Accepted] = [WorkOrderAction.Assign, WorkOrderAction.Accept],
        [WorkOrderStatus.EnRoute] = [WorkOrderAction.Assign, WorkOrderAction.Accept, WorkOrderAction.Depart],
        [WorkOrderStatus.OnSite] = [WorkOrderAction.Assign, WorkOrderAction.Accept, WorkOrderAction.Depart, WorkOrderAction.Arrive],
        [WorkOrderStatus.AwaitingParts] = [WorkOrderAction.Assign, WorkOrderAction.Accept, WorkOrderAction.Depart, WorkOrderAction.Arrive, WorkOrderAction.AwaitParts],
        [WorkOrderStatus.Completed] = [WorkOrderAction.Assign, WorkOrderAction.Accept, WorkOrderAction.Depart, WorkOrderAction.Arrive, WorkOrderAction.Complete],
        [WorkOrderStatus.Closed] = [WorkOrderAction.Assign, WorkOrderAction.Accept, WorkOrderAction.Depart, WorkOrderAction.Arrive, WorkOrderAction.Complete, WorkOrderAction.Close],
        [WorkOrderStatus.Cancelled] = [WorkOrderAction.Cancel],
    };

    public static TheoryData<WorkOrderStatus, WorkOrderAction> AllPairs()
    {
        var data = new TheoryData<WorkOrderStatus, WorkOrderAction>();
        foreach (var status in Enum.GetValues<WorkOrderStatus>())
            foreach (var action in Enum.GetValues<WorkOrderAction>())
                data.Add(status, action);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public async Task EachStatusAllowsExactlyTheMovesOfTheLifecycle(WorkOrderStatus status, WorkOrderAction action)
    {
        var data = await api.Data.ReadyAsync();
        var order = await data.NewWorkOrder();
        var id = order.Str("id");
        foreach (var step in PathTo[status])
            (await Act(data, id, step, firstAssignment: true)).StatusCode.Should().Be(HttpStatusCode.OK, "the path step {0} is allowed", step);
        var eventsBefore = (await data.Manager.GetOk($"/api/v1/work-orders/{id}/events"))["items"]!.AsArray().Count;

        var response = await Act(data, id, action, firstAssignment: false);

        var after = await data.Manager.GetOk($"/api/v1/work-orders/{id}");
        var events = (await data.Manager.GetOk($"/api/v1/work-orders/{id}/events"))["items"]!.AsArray();
        if (StatusMachine.TryMove(status, action, out var expected))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            after.Str("status").Should().Be(expected.ToString());
            events.Count.Should().Be(eventsBefore + 1);
            events[^1].Str("fromStatus").Should().Be(status.ToString());
            events[^1].Str("toStatus").Should().Be(expected.ToString());
        }
        else
        {
            // A technician who does not hold the job cannot even see it (404); everyone else is told the move is not allowed.
            var expectedCode = IsTechnicianStep(action) && status is WorkOrderStatus.New or WorkOrderStatus.Cancelled
                ? HttpStatusCode.NotFound : HttpStatusCode.Conflict;
            var problem = await response.ShouldBeProblem(expectedCode);
            if (expectedCode == HttpStatusCode.Conflict) problem.Str("type").Should().EndWith("/invalid-transition");
            after.Str("status").Should().Be(status.ToString());
            events.Count.Should().Be(eventsBefore);
        }
    }

    private static bool IsTechnicianStep(WorkOrderAction a) => a is WorkOrderAction.Accept or WorkOrderAction.Decline or WorkOrderAction.Depart
        or WorkOrderAction.Arrive or WorkOrderAction.AwaitParts or WorkOrderAction.Complete;

    private static Task<HttpResponseMessage> Act(TestData d, string id, WorkOrderAction action, bool firstAssignment) => action switch
    {
        // The path assigns technician A; the action under test assigns B, so a reassignment is a real change.
        WorkOrderAction.Assign => d.Manager.PostAsJsonAsync($"/api/v1/work-orders/{id}/assign",
            new { technicianId = firstAssignment ? d.TechnicianA : d.TechnicianB }),
        WorkOrderAction.Unassign => d.Manager.PostAsJsonAsync($"/api/v1/work-orders/{id}/unassign", new { reason = "Technician is ill" }),
        WorkOrderAction.Cancel => d.FrontDesk.PostAsJsonAsync($"/api/v1/work-orders/{id}/cancel", new { reason = "Customer fixed it" }),
        WorkOrderAction.Close => d.FrontDesk.PostAsync($"/api/v1/work-orders/{id}/close", null),
        WorkOrderAction.Accept => d.TechA.PostAsync($"/api/v1/mobile/jobs/{id}/accept", null),
        WorkOrderAction.Decline => d.TechA.PostAsJsonAsync($"/api/v1/mobile/jobs/{id}/decline", new { reason = "Outside my area" }),
        WorkOrderAction.Depart => d.TechA.PostAsync($"/api/v1/mobile/jobs/{id}/depart", null),
        WorkOrderAction.Arrive => TestData.Arrive(d.TechA, id),
        WorkOrderAction.AwaitParts => d.TechA.PostAsJsonAsync($"/api/v1/mobile/jobs/{id}/await-parts",
            new { parts = new[] { new { partId = d.PartId, qty = 1 } }, note = "Needs a new pump" }),
        WorkOrderAction.Complete => d.TechA.PostAsJsonAsync($"/api/v1/mobile/jobs/{id}/complete",
            new { repairLevel = "Minor", mainPart = false, labourMinutes = 45 }),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
