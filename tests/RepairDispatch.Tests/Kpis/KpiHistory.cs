using System.Net;
using System.Text.Json.Nodes;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Kpis;

/// <summary>Steps of an order's life through the public API, each at a chosen time on the fixture's clock.</summary>
public sealed class KpiHistory(ApiFactory api, TestData d)
{
    public void Wait(int minutes) => api.Clock.Advance(TimeSpan.FromMinutes(minutes));
    public DateTimeOffset Now => api.Clock.GetUtcNow();

    public async Task<string> Repair(string manufacturerId)
    {
        var (customer, appliance) = await d.CustomerWithAppliance(manufacturerId: manufacturerId);
        return (await d.WorkOrder(customer, appliance)).Str("id");
    }

    public Task Assign(string id, string? technicianId = null) =>
        d.Manager.PostOk($"/api/v1/work-orders/{id}/assign", new { technicianId = technicianId ?? d.TechnicianA }, HttpStatusCode.OK);

    /// <summary>Accepts, departs and arrives at once.</summary>
    public async Task Arrive(string id, HttpClient? tech = null)
    {
        tech ??= d.TechA;
        foreach (var step in new[] { "accept", "depart" })
            (await tech.PostAsync($"/api/v1/mobile/jobs/{id}/{step}", null)).EnsureSuccessStatusCode();
        (await TestData.Arrive(tech, id)).EnsureSuccessStatusCode();
    }

    public async Task AwaitParts(string id) =>
        await d.TechA.PostOk($"/api/v1/mobile/jobs/{id}/await-parts", new { parts = new[] { new { partId = d.PartId, qty = 1 } }, note = "Pump on order" },
            HttpStatusCode.OK);

    /// <summary>Back on the road after the parts came (the clock resumes), and on site again.</summary>
    public async Task Return(string id)
    {
        (await d.TechA.PostAsync($"/api/v1/mobile/jobs/{id}/depart", null)).EnsureSuccessStatusCode();
        (await TestData.Arrive(d.TechA, id)).EnsureSuccessStatusCode();
    }

    public Task<JsonObject> Complete(string id, int labourMinutes, HttpClient? tech = null) =>
        (tech ?? d.TechA).PostOk($"/api/v1/mobile/jobs/{id}/complete", new { repairLevel = "Minor", mainPart = false, labourMinutes }, HttpStatusCode.OK);

    public async Task<string> Rework(string id) =>
        (await d.FrontDesk.PostOk($"/api/v1/work-orders/{id}/rework", new { faultDescription = "Same noise again" })).Str("id");

    /// <summary>The after-service callback of a completed order, reached with this score.</summary>
    public async Task Callback(string id, int satisfaction)
    {
        var callback = await FindDue(id);
        await d.FrontDesk.PostOk($"/api/v1/callbacks/{callback.Str("id")}/result", new { outcome = "Reached", satisfaction }, HttpStatusCode.OK);
    }

    private async Task<JsonNode> FindDue(string id)
    {
        for (var day = -1; day <= 3; day++)
        {
            var due = TestData.StationDayOf(api.Clock.GetUtcNow()).AddDays(day).ToString("yyyy-MM-dd");
            var found = (await d.FrontDesk.GetOk($"/api/v1/callbacks?due={due}"))["items"]!.AsArray()
                .FirstOrDefault(c => c!["workOrderId"]?.GetValue<string>() == id);
            if (found is not null) return found;
        }
        throw new InvalidOperationException("No callback for " + id);
    }

    public async Task Complaint(string id)
    {
        var customerId = (await d.FrontDesk.GetOk($"/api/v1/work-orders/{id}")).Str("customerId");
        await d.FrontDesk.PostOk("/api/v1/complaints", new { source = "Phone", severity = "Normal", customerId, workOrderId = id, description = "师傅迟到" });
    }
}
