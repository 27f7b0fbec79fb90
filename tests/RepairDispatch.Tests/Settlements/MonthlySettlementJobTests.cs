using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RepairDispatch.Api.Settlements;
using RepairDispatch.Tests.Infrastructure;
using RepairDispatch.Tests.WorkOrders;

namespace RepairDispatch.Tests.Settlements;

public class MonthlySettlementJobTests(StationFixture api) : IClassFixture<StationFixture>
{
    [Fact]
    public async Task TheMonthlyJobSettlesLastMonthOnceHoweverOftenItRuns()
    {
        var d = await api.Data.ReadyAsync();
        var maker = await SettlementRunTests.ManufacturerWithCompletedOrders(d, "Minor", "Major");
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var local = TimeZoneInfo.ConvertTime(api.Clock.GetUtcNow(), shanghai);
        var period = local.ToString("yyyy-MM");
        var firstOfNextMonth = new DateTimeOffset(local.Year, local.Month, 1, 2, 0, 0, shanghai.GetUtcOffset(local)).AddMonths(1);
        var job = new MonthlySettlementJob(api.Services.GetRequiredService<RepairDispatch.Api.Infrastructure.Db>(),
            new FakeTimeProvider(firstOfNextMonth), NullLogger<MonthlySettlementJob>.Instance);

        var first = await job.RunAsync();
        var second = await job.RunAsync();

        first.Should().BeGreaterThanOrEqualTo(1);
        second.Should().Be(0);
        var runs = (await d.Finance.GetOk($"/api/v1/settlements/runs?period={period}"))["items"]!.AsArray()
            .Where(r => r!["manufacturerId"]?.GetValue<string>() == maker).ToList();
        runs.Should().ContainSingle();
        runs[0]!["lineCount"]!.GetValue<long>().Should().Be(2);
        runs[0]!["total"]!.GetValue<decimal>().Should().Be(230.50m);
    }

    [Theory]
    [InlineData("2026-10-31T18:00:00Z", "Asia/Shanghai", "2026-10")]                       // 02:00 on 11-01 in Shanghai
    [InlineData("2026-10-31T18:00:00Z", "Asia/Shanghai,America/Los_Angeles", "2026-09")]   // still 10-31 11:00 in Los Angeles
    [InlineData("2026-11-01T06:59:59Z", "Asia/Shanghai,America/Los_Angeles", "2026-09")]   // 23:59:59 PDT on 10-31
    [InlineData("2026-11-01T07:00:00Z", "Asia/Shanghai,America/Los_Angeles", "2026-10")]   // 00:00 PDT on 11-01, two hours before the clocks go back
    [InlineData("2027-01-01T08:00:00Z", "America/Los_Angeles", "2026-12")]                 // 00:00 PST on New Year's Day
    public void AMonthIsSettledOnceItHasEndedInEveryStore(string utc, string zones, string period) =>
        MonthlySettlementJob.EndedEverywhere(DateTimeOffset.Parse(utc), zones.Split(',')).Should().Be(period);
}
