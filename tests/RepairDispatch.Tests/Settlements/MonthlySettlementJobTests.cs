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
}
