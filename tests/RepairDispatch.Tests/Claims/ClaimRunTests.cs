using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RepairDispatch.Api.Settlements;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;
using static RepairDispatch.Tests.Claims.ClaimSetup;

namespace RepairDispatch.Tests.Claims;

/// <summary>Settlement runs take only Ready claims, mark them Claimed, and never take one twice. Moves its station's clock.</summary>
public class ClaimRunTests(StationFixture api) : IClassFixture<StationFixture>
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static DateTimeOffset InShanghai(int month, int day, int hour) =>
        new DateTimeOffset(2026, month, day, hour, 0, 0, Shanghai.BaseUtcOffset).ToUniversalTime();

    [Fact]
    public async Task ARunTakesOnlyReadyClaimsAndAnOrderReadyLaterGoesIntoTheNextMonthsRunOnce()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await MakerWithRules(d, new { callbackRequired = true });
        var readyNow = await CompletedOrderOf(d, maker);
        var readyLater = await CompletedOrderOf(d, maker);
        await CallbackResult(d, await CallbackOf(api, readyNow), "Reached");

        var june = await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = "2026-06" });
        var afterJune = (await Claim(d.Finance, maker, readyNow), await Claim(d.Finance, maker, readyLater));
        await CallbackResult(d, await CallbackOf(api, readyLater), "Reached");
        var juneAgain = await d.Finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = "2026-06" }, HttpStatusCode.OK);
        var waiting = await Claim(d.Finance, maker, readyLater);

        var back = api.Clock.GetUtcNow();
        api.Clock.Set(InShanghai(7, 6, 10));
        try
        {
            var finance = await SignInNow(api, "finance1");
            var july = await finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = "2026-07" });
            var august = await finance.PostOk("/api/v1/settlements/runs", new { manufacturerId = maker, period = "2026-07" }, HttpStatusCode.OK);

            june["lineCount"]!.GetValue<long>().Should().Be(1, "only the order whose callback was done is ready");
            afterJune.Item1.Str("state").Should().Be("Claimed");
            afterJune.Item1.Str("runId").Should().Be(june.Str("id"));
            afterJune.Item2.Str("state").Should().Be("NotReady");
            juneAgain["lineCount"]!.GetValue<long>().Should().Be(1, "asking for June's run again does not add to it");
            waiting.Str("state").Should().Be("Ready");
            july["lineCount"]!.GetValue<long>().Should().Be(1);
            august.Str("id").Should().Be(july.Str("id"));
            (await Claim(finance, maker, readyLater)).Str("runId").Should().Be(july.Str("id"));
            (await Claim(finance, maker, readyNow)).Str("runId").Should().Be(june.Str("id"));
            (await d.CountRowsOf("settlement_lines", readyNow)).Should().Be(1);
            (await d.CountRowsOf("settlement_lines", readyLater)).Should().Be(1, "a claim is taken by one run only");
        }
        finally
        {
            api.Clock.Set(back);
        }
    }

    [Fact]
    public async Task TheMonthlyJobLeavesAManufacturerWithoutReadyClaimsAloneAndSettlesItOnceTheyAreReady()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await MakerWithRules(d, new { callbackRequired = true }, "海信");
        var order = await CompletedOrderOf(d, maker);
        var job = new MonthlySettlementJob(api.Services.GetRequiredService<RepairDispatch.Api.Infrastructure.Db>(),
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider(InShanghai(7, 1, 2)), NullLogger<MonthlySettlementJob>.Instance);

        await job.RunAsync();
        var runsWhileNotReady = await RunsOf(d, maker);
        await CallbackResult(d, await CallbackOf(api, order), "Reached");
        await job.RunAsync();
        var runs = await RunsOf(d, maker);

        runsWhileNotReady.Should().BeEmpty("nothing of the manufacturer is ready to claim");
        runs.Should().ContainSingle().Which!["lineCount"]!.GetValue<long>().Should().Be(1);
        (await Claim(d.Finance, maker, order)).Str("state").Should().Be("Claimed");
    }

    private static async Task<List<System.Text.Json.Nodes.JsonNode?>> RunsOf(TestData d, string maker) =>
        [.. (await d.Finance.GetOk("/api/v1/settlements/runs?period=2026-06"))["items"]!.AsArray().Where(r => r!["manufacturerId"]?.GetValue<string>() == maker)];
}
