using System.Net.Http.Json;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Sanbao;

/// <summary>Days waiting for parts come from the order's own AwaitingParts events (its own fixture: the clock moves months).</summary>
public class PartsWaitTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task ARepairWaitingOverNinetyDaysForTheProducersPartsIsOwedAFreeExchange()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId) = await d.CustomerWithAppliance(TestData.StationToday().AddMonths(-2));
        var order = (await d.WorkOrder(customerId, applianceId)).Str("id");
        await d.Manager.PostOk($"/api/v1/work-orders/{order}/assign", new { technicianId = d.TechnicianA }, System.Net.HttpStatusCode.OK);
        foreach (var step in new[] { "accept", "depart" })
            (await d.TechA.PostAsync($"/api/v1/mobile/jobs/{order}/{step}", null)).EnsureSuccessStatusCode();
        (await TestData.Arrive(d.TechA, order)).EnsureSuccessStatusCode();
        (await d.TechA.PostAsJsonAsync($"/api/v1/mobile/jobs/{order}/await-parts",
            new { parts = new[] { new { partId = d.PartId, qty = 1 } }, note = "Main board on back order" })).EnsureSuccessStatusCode();
        var url = $"/api/v1/appliances/{applianceId}/entitlement";

        api.Clock.Advance(TimeSpan.FromDays(90));
        var day90 = await (await Claims.ClaimSetup.SignInNow(api, "desk1")).GetOk(url);
        api.Clock.Advance(TimeSpan.FromDays(1));
        var day91 = await (await Claims.ClaimSetup.SignInNow(api, "desk1")).GetOk(url);

        day90.Str("entitlement").Should().Be("RepairOnly");
        day90["facts"]!["daysWaitingForParts"]!.GetValue<int>().Should().Be(90);
        day91.Str("entitlement").Should().Be("Exchange");
        day91["until"].Should().BeNull();
        day91["facts"]!["daysWaitingForParts"]!.GetValue<int>().Should().Be(91);
        day91["facts"]!["daysInRepair"]!.GetValue<int>().Should().Be(91, "the order was opened the day it went to wait");
        day91["reasonCodes"]!.AsArray().Select(r => r.Str("code")).Should().Contain("sanbao.parts-wait");
    }
}
