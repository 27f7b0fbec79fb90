using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using RepairDispatch.Api.Claims;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.Photos;
using RepairDispatch.Tests.WorkOrders;
using static RepairDispatch.Tests.Claims.ClaimSetup;

namespace RepairDispatch.Tests.Claims;

/// <summary>The submit deadline in the store's days, the daily sweep, a manager's release. Moves its station's clock.</summary>
public class ClaimExpiryTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private async Task<int> Sweep()
    {
        using var scope = api.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ClaimExpiryJob>().RunAsync();
    }

    private async Task<long> VersionOf(string order)
    {
        await using var c = await api.Db.OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT version FROM work_order_claims WHERE work_order_id = @Id", new { Id = Guid.Parse(order) });
    }

    [Fact]
    public async Task AClaimExpiresTheDayAfterItsDeadlineAndAManagerMayReleaseItWithAReason()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await MakerWithRules(d, new { evidence = new[] { new { type = "Repair", kinds = new[] { "Nameplate" } } }, submitWithinDays = 30 });
        var order = await CompletedOrderOf(d, maker); // on 2026-06-10 in Shanghai: due by 2026-07-10
        var late = await MakerWithRules(d, new { submitWithinDays = 1 }, "格力");
        var readyButLate = await CompletedOrderOf(d, late);
        var back = api.Clock.GetUtcNow();
        try
        {
            api.Clock.Set(new DateTimeOffset(2026, 7, 10, 23, 0, 0, Shanghai));
            await Sweep();
            var lastDay = await Claim(await SignInNow(api, "finance1"), maker, order);

            api.Clock.Set(new DateTimeOffset(2026, 7, 11, 0, 30, 0, Shanghai));
            await Sweep();
            var version = await VersionOf(order);
            await Sweep();
            var afterSecondSweep = await VersionOf(order);
            var (finance, manager) = (await SignInNow(api, "finance1"), await SignInNow(api, "manager1"));
            var expired = await Claim(finance, maker, order);
            var url = $"/api/v1/claims/{order}/release";
            var byFinance = await finance.PostAsJsonAsync(url, new { reason = "厂家同意延期受理" });
            var noReason = await manager.PostAsJsonAsync(url, new { reason = "  " });
            var released = await manager.PostOk(url, new { reason = "厂家同意延期受理" }, HttpStatusCode.OK);
            var desk = await SignInNow(api, "desk1");
            (await desk.PostAsync($"/api/v1/work-orders/{order}/photos", PhotoTests.Form(TestImages.Jpeg(1601), "Nameplate"))).EnsureSuccessStatusCode();
            await Sweep();
            var ready = await Claim(finance, maker, order);
            var again = await manager.PostAsJsonAsync(url, new { reason = "再放行一次" });
            var july = await finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = "2026-07" });
            var lateRun = await finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = late, period = "2026-07" });

            lastDay.Str("state").Should().Be("NotReady", "2026-07-10 is still within the deadline");
            lastDay.Str("claimBy").Should().Be("2026-07-10");
            expired.Str("state").Should().Be("Expired");
            Codes(expired).Should().Equal("claim-blocker.evidence-missing");
            afterSecondSweep.Should().Be(version, "a second sweep changes nothing");
            await byFinance.ShouldBeProblem(HttpStatusCode.Forbidden);
            await noReason.ShouldBeProblem(HttpStatusCode.BadRequest, "reason");
            released.Str("state").Should().Be("NotReady", "released, the claim still waits for its nameplate photo");
            released.Str("releaseReason").Should().Be("厂家同意延期受理");
            ready.Str("state").Should().Be("Ready", "a released claim is not expired again by the sweep");
            (await again.ShouldBeProblem(HttpStatusCode.Conflict)).Str("type").Should().EndWith("/claim-not-expired");
            july["lineCount"]!.GetValue<long>().Should().Be(1);
            lateRun["lineCount"]!.GetValue<long>().Should().Be(0, "the run checks deadlines before it takes claims, swept or not");
            (await Claim(finance, late, readyButLate)).Str("state").Should().Be("Expired");
        }
        finally
        {
            api.Clock.Set(back);
        }
    }

    [Fact]
    public async Task AClaimARunTookIsNeverExpiredNeitherBeforeNorAfterTheRowIsFolded()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await MakerWithRules(d, new { submitWithinDays = 1 }, "海信");
        var order = await CompletedOrderOf(d, maker); // due by the next store day
        var back = api.Clock.GetUtcNow();
        try
        {
            var finance = await SignInNow(api, "finance1");
            var run = await finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = $"{TestData.StationToday():yyyy-MM}" });
            api.Clock.Set(back.AddDays(20));
            await Sweep();
            var unfolded = await Claim(await SignInNow(api, "finance1"), maker, order);
            await api.Services.GetRequiredService<ClaimRuns>().FoldAsync();
            await Sweep();
            var folded = await Claim(await SignInNow(api, "finance1"), maker, order);

            run["lineCount"]!.GetValue<long>().Should().Be(1);
            foreach (var claim in new[] { unfolded, folded })
            {
                claim.Str("state").Should().Be("Claimed", "the deadline is for submitting, and the run submitted it");
                claim.Str("runId").Should().Be(run.Str("id"));
            }
        }
        finally
        {
            api.Clock.Set(back);
        }
    }

    [Fact]
    public async Task ReleasingAnUnknownClaimIsNotFound()
    {
        var d = await api.Data.ReadyAsync();

        var response = await d.Manager.PostAsJsonAsync($"/api/v1/claims/{Guid.NewGuid()}/release", new { reason = "x" });

        (await response.ShouldBeProblem(HttpStatusCode.NotFound))["detailCode"].Str("code").Should().Be("refusal.not-found");
    }
}
