using System.Net;
using System.Text.Json.Nodes;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Photos;
using RepairDispatch.Tests.WorkOrders;
using static RepairDispatch.Tests.Claims.ClaimSetup;

namespace RepairDispatch.Tests.Claims;

/// <summary>
/// Issue 14's "done when": under a contract with every claim rule, a job done through the phone with its photos and old
/// part, a callback, the part checked in and shipped — the claim is Ready exactly when its last blocker goes, and only
/// then does a run take it. Moves its station's clock.
/// </summary>
public class ClaimJourneyTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task TheClaimIsReadyWhenItsLastBlockerGoesAndOnlyThenEntersARun()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await MakerWithRules(d, new
        {
            callbackRequired = true,
            evidence = new[] { new { type = "Repair", kinds = new[] { "Nameplate", "FailedPart" } } },
            oldPartReturn = new { required = true, withinDays = 30 },
            submitWithinDays = 60,
        });
        var order = await OrderOf(d, maker);
        await d.Manager.PostOk($"/api/v1/work-orders/{order}/assign", new { technicianId = d.TechnicianA }, HttpStatusCode.OK);
        foreach (var step in new[] { "accept", "depart" }) (await d.TechA.PostAsync($"/api/v1/mobile/jobs/{order}/{step}", null)).EnsureSuccessStatusCode();
        (await TestData.Arrive(d.TechA, order)).EnsureSuccessStatusCode();
        await Photo(d, order, "Nameplate", 14_001);
        await d.TechA.PostOk($"/api/v1/mobile/jobs/{order}/complete", new
        {
            repairLevel = "Minor", mainPart = false, labourMinutes = 40, parts = new[] { new { partId = d.PartId, qty = 1 } },
        }, HttpStatusCode.OK);

        var steps = new List<(string Step, JsonObject Claim)> { ("completed", await Claim(d.Finance, maker, order)) };
        var june = await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = "2026-06" });
        var linesAfterJune = await d.CountRowsOf("settlement_lines", order);

        await Photo(d, order, "FailedPart", 14_002);
        steps.Add(("failed-part photo", await Claim(d.Finance, maker, order)));
        await CallbackResult(d, await CallbackOf(api, order), "Reached");
        steps.Add(("callback", await Claim(d.Finance, maker, order)));

        var onThePhone = (await d.TechA.GetOk("/api/v1/mobile/old-parts"))["items"]!.AsArray().Single(p => p.Str("workOrderId") == order)!;
        var tag = onThePhone.Str("tag");
        await d.FrontDesk.PostOk($"/api/v1/old-parts/{tag}/check-in", null, HttpStatusCode.OK);
        steps.Add(("checked in", await Claim(d.Finance, maker, order)));
        await d.FrontDesk.PostOk("/api/v1/old-parts/returns", new { manufacturerId = maker, tags = new[] { tag }, carrier = "顺丰速运", waybill = "SF" + Random.Shared.Next(100_000_000, 999_999_999) });
        steps.Add(("shipped", await Claim(d.Finance, maker, order)));

        var back = api.Clock.GetUtcNow();
        api.Clock.Set(new DateTimeOffset(2026, 7, 6, 10, 0, 0, Shanghai.BaseUtcOffset).ToUniversalTime());
        try
        {
            var finance = await SignInNow(api, "finance1");
            var july = await finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = "2026-07" });
            var claimed = await Claim(finance, maker, order);

            steps.Select(s => (s.Step, s.Claim.Str("state"), string.Join(" ", Codes(s.Claim).Order()))).Should().Equal(
                ("completed", "NotReady", "claim-blocker.callback-pending claim-blocker.evidence-missing claim-blocker.old-part-not-returned"),
                ("failed-part photo", "NotReady", "claim-blocker.callback-pending claim-blocker.old-part-not-returned"),
                ("callback", "NotReady", "claim-blocker.old-part-not-returned"),
                ("checked in", "NotReady", "claim-blocker.old-part-not-returned"),
                ("shipped", "Ready", ""));
            steps[0].Claim["blockers"]!.AsArray().Select(b => b!.GetValue<string>()).Should().Contain(b => b.Contains("故障件") && !b.Contains("铭牌"),
                "the phone already sent the nameplate; only the failed part is missing, named in Chinese");
            steps[0].Claim.Str("claimBy").Should().Be(TestData.StationToday().AddDays(60).ToString("yyyy-MM-dd"));
            linesAfterJune.Should().Be(0, "June's run was made while the claim had blockers");
            june["lineCount"]!.GetValue<long>().Should().Be(0);
            july["lineCount"]!.GetValue<long>().Should().BeGreaterThan(0);
            claimed.Str("state").Should().Be("Claimed");
            claimed.Str("runId").Should().Be(july.Str("id"));
            (await d.CountRowsOf("settlement_lines", order)).Should().BeGreaterThan(0);
        }
        finally
        {
            api.Clock.Set(back);
        }
    }

    private static async Task Photo(TestData d, string order, string kind, int seed)
    {
        var response = await d.TechA.PostAsync($"/api/v1/mobile/jobs/{order}/photos", PhotoTests.Form(TestImages.Jpeg(seed), kind));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
