using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Sanbao;

/// <summary>三包 at the desk through the API: the entitlement of an appliance from its orders, exclusions and decisions.</summary>
public class EntitlementApiTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    [Fact]
    public async Task ABrandNewApplianceMayBeReturnedThroughDaySevenInChineseAndEnglish()
    {
        var d = await api.Data.ReadyAsync();
        var bought = TestData.StationToday().AddDays(-3);
        var (_, applianceId) = await d.CustomerWithAppliance(bought);

        var zh = await d.FrontDesk.GetOk($"/api/v1/appliances/{applianceId}/entitlement");
        using var en = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/appliances/{applianceId}/entitlement");
        en.Headers.AcceptLanguage.ParseAdd("en");
        var english = await (await d.FrontDesk.SendAsync(en)).Json();

        zh.Str("entitlement").Should().Be("Return");
        zh.Str("until").Should().Be(Day(bought.AddDays(7)));
        zh["reasons"]![0]!.GetValue<string>().Should().Contain("退货");
        english["reasons"]![0]!.GetValue<string>().Should().Contain("return");
        zh["reasonCodes"]![0].Str("code").Should().Be("sanbao.return-7");
        zh["facts"].Str("invoiceDate").Should().Be(Day(bought));
        zh["facts"]!["exchanges"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task TwoRepairsOfTheSameFaultCodeGiveAReturnOrExchange()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId) = await d.CustomerWithAppliance(TestData.StationToday().AddMonths(-3));

        for (var visit = 1; visit <= 2; visit++)
        {
            var order = (await d.WorkOrder(customerId, applianceId)).Str("id");
            var before = await d.FrontDesk.GetOk($"/api/v1/appliances/{applianceId}/entitlement");
            before.Str("entitlement").Should().Be("RepairOnly");
            await d.CompleteByTechnicianA(order);
            // The desk writes it one way, the technician another: the same fault.
            var set = await (visit == 1 ? d.FrontDesk : d.TechA).PutAsJsonAsync($"/api/v1/work-orders/{order}/sanbao/fault-code",
                new { faultCode = visit == 1 ? "e1-drum" : " E1-DRUM " });
            (await set.Json()).Str("faultCode").Should().Be("E1-DRUM");
        }

        var after = await d.FrontDesk.GetOk($"/api/v1/appliances/{applianceId}/entitlement");
        after.Str("entitlement").Should().Be("Return");
        after["facts"]!["repairsForSameFault"]!.GetValue<int>().Should().Be(2);
        after["reasonCodes"]!.AsArray().Select(r => r.Str("code")).Should().Contain("sanbao.same-fault");
    }

    [Fact]
    public async Task AnExclusionRecordedOnAnOrderStopsTheGuarantees()
    {
        var d = await api.Data.ReadyAsync();
        var (customerId, applianceId) = await d.CustomerWithAppliance(TestData.StationToday().AddDays(-1));
        var order = (await d.WorkOrder(customerId, applianceId)).Str("id");

        await (await d.FrontDesk.PostAsJsonAsync($"/api/v1/work-orders/{order}/sanbao/exclusions", new { kind = "Misuse" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "note");
        (await d.TechB.PostAsJsonAsync($"/api/v1/work-orders/{order}/sanbao/exclusions", new { kind = "Misuse", note = "x" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound, "not his order");
        var facts = await d.FrontDesk.PostOk($"/api/v1/work-orders/{order}/sanbao/exclusions",
            new { kind = "Misuse", note = "Drum packed with bricks" }, HttpStatusCode.OK);

        facts["exclusions"]![0].Str("kind").Should().Be("Misuse");
        var entitlement = await d.FrontDesk.GetOk($"/api/v1/appliances/{applianceId}/entitlement");
        entitlement.Str("entitlement").Should().Be("None");
        entitlement["until"].Should().BeNull();
        entitlement["reasons"]![0]!.GetValue<string>().Should().Contain("使用不当");
    }

    [Fact]
    public async Task AManagerMayChooseTheEntitledRemedyOrALesserOneNeverAStrongerOne()
    {
        var d = await api.Data.ReadyAsync();
        var (_, applianceId) = await d.CustomerWithAppliance(TestData.StationToday().AddDays(-10));
        var url = $"/api/v1/appliances/{applianceId}/sanbao-decisions";
        var before = await d.CountRows("sanbao_decisions");

        (await d.FrontDesk.PostAsJsonAsync(url, new { decision = "Exchange", newSerialNumber = "SN-NEW", reason = "x" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var refused = await (await d.Manager.PostAsJsonAsync(url, new { decision = "Return", reason = "Customer insists" }))
            .ShouldBeProblem(HttpStatusCode.Conflict);
        refused.Str("entitlement").Should().Be("Exchange");
        refused.Str("detail").Should().Contain("换货");
        await (await d.Manager.PostAsJsonAsync(url, new { decision = "Exchange", reason = "Drum noise" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "newSerialNumber");
        (await d.CountRows("sanbao_decisions")).Should().Be(before, "a refusal writes nothing");

        var decision = await d.Manager.PostOk(url, new { decision = "Exchange", newSerialNumber = "SN-NEW-1", reason = "Drum noise on day 10" });

        decision["evidence"].Str("entitlement").Should().Be("Exchange");
        var replacement = await d.FrontDesk.GetOk($"/api/v1/appliances/{decision.Str("newApplianceId")}");
        replacement.Str("serialNumber").Should().Be("SN-NEW-1");
        replacement.Str("purchaseDate").Should().Be(Day(TestData.StationToday()), "the warranty restarts on the exchange day");
        var fresh = await d.FrontDesk.GetOk($"/api/v1/appliances/{decision.Str("newApplianceId")}/entitlement");
        fresh.Str("entitlement").Should().Be("Return");
        fresh["facts"]!["exchanges"]!.GetValue<int>().Should().Be(1);
        (await d.FrontDesk.GetOk($"/api/v1/appliances/{applianceId}/entitlement"))["reasonCodes"]![0].Str("code").Should().Be("sanbao.retired");
        var listed = await d.FrontDesk.GetOk(url);
        listed["items"]![0]!["evidence"]!["reasons"]![0]!.GetValue<string>().Should().Contain("15");
        (await d.Manager.PostAsJsonAsync(url, new { decision = "Repair", reason = "again" })).StatusCode.Should().Be(HttpStatusCode.Conflict,
            "the old unit has left the registry");
    }

    [Fact]
    public async Task ADecisionNamesOnlyAnOrderOfThisAppliance()
    {
        var d = await api.Data.ReadyAsync();
        var (_, applianceId) = await d.CustomerWithAppliance(TestData.StationToday().AddDays(-2));
        var other = (await d.NewWorkOrder()).Str("id");

        await (await d.Manager.PostAsJsonAsync($"/api/v1/appliances/{applianceId}/sanbao-decisions",
            new { decision = "Return", workOrderId = other, reason = "x" })).ShouldBeProblem(HttpStatusCode.BadRequest, "workOrderId");
        var returned = await d.Manager.PostOk($"/api/v1/appliances/{applianceId}/sanbao-decisions", new { decision = "Return", reason = "Dead on arrival" });
        returned["newApplianceId"].Should().BeNull();
    }
}
