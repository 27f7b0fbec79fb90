using System.Net;
using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.FollowUp;

public class ComplaintTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task APhoneComplaintIsOwnedResolvedAndClosedWithItsResponseTimeKept()
    {
        var d = await api.Data.ReadyAsync();
        var order = (await d.NewWorkOrder()).Str("id");
        await d.CompleteByTechnicianA(order);
        var customer = (await d.Manager.GetOk($"/api/v1/work-orders/{order}")).Str("customerId");
        var owner = (await d.Manager.GetOk("/api/v1/me")).Str("id");

        var created = await d.FrontDesk.PostOk("/api/v1/complaints", new
        {
            source = "Phone", severity = "High", customerId = customer, workOrderId = order, description = "地板被弄脏，师傅态度差",
        });
        var id = created.Str("id");
        var assigned = await d.Manager.PostOk($"/api/v1/complaints/{id}/assign", new { ownerUserId = owner }, HttpStatusCode.OK);
        await (await d.FrontDesk.PostAsync($"/api/v1/complaints/{id}/close", null)).ShouldBeProblem(HttpStatusCode.Conflict);
        var resolved = await d.FrontDesk.PostOk($"/api/v1/complaints/{id}/resolve", new { resolution = "上门道歉并赠送清洁服务" }, HttpStatusCode.OK);
        var closed = await d.FrontDesk.PostOk($"/api/v1/complaints/{id}/close", null, HttpStatusCode.OK);

        created.Str("technicianId").Should().Be(d.TechnicianA, "the order's technician is linked");
        (created["respondBy"]!.GetValue<DateTimeOffset>() - created["createdAt"]!.GetValue<DateTimeOffset>()).Should().Be(TimeSpan.FromHours(4));
        assigned.Str("status").Should().Be("Assigned");
        assigned["responseOverdue"]!.GetValue<bool>().Should().BeFalse();
        resolved.Str("resolution").Should().Be("上门道歉并赠送清洁服务");
        closed.Str("status").Should().Be("Closed");
        (await d.Manager.GetOk($"/api/v1/complaints?technicianId={d.TechnicianA}&status=Closed"))["items"]!.AsArray()
            .Select(c => c.Str("id")).Should().Contain(id);
    }

    [Fact]
    public async Task BadComplaintsAreRefusedNamingTheFieldAndTechniciansCannotSeeComplaints()
    {
        var d = await api.Data.ReadyAsync();
        var (customer, _) = await d.CustomerWithAppliance();
        var otherOrder = (await d.NewWorkOrder()).Str("id");

        await (await d.FrontDesk.PostAsJsonAsync("/api/v1/complaints", new { source = "Phone", customerId = Guid.NewGuid(), description = "x" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "customerId");
        await (await d.FrontDesk.PostAsJsonAsync("/api/v1/complaints", new { source = "Phone", customerId = customer, workOrderId = otherOrder, description = "x" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "workOrderId");
        await (await d.FrontDesk.PostAsJsonAsync("/api/v1/complaints", new { source = "Phone", customerId = customer, description = "" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "description");
        (await d.TechA.GetAsync("/api/v1/complaints")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var id = (await d.FrontDesk.PostOk("/api/v1/complaints", new { source = "Manufacturer", customerId = customer, description = "厂家转来的投诉" })).Str("id");
        await (await d.FrontDesk.PostAsJsonAsync($"/api/v1/complaints/{id}/assign", new { ownerUserId = Guid.NewGuid() })).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await d.Manager.PostAsJsonAsync($"/api/v1/complaints/{id}/assign", new { ownerUserId = Guid.NewGuid() })).ShouldBeProblem(HttpStatusCode.BadRequest, "ownerUserId");
    }
}
