using RepairDispatch.Api.Callbacks;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Tests.FollowUp;

public class CallbackRulesTests
{
    [Theory]
    [InlineData(WorkOrderType.Repair, ApplianceCategory.Tv, "2026-01-31", "AfterService:2026-02-01")]
    [InlineData(WorkOrderType.Maintenance, ApplianceCategory.RangeHood, "2026-12-31", "AfterService:2027-01-01")]
    [InlineData(WorkOrderType.Installation, ApplianceCategory.GasStove, "2027-02-27", "AfterInstallation:2027-03-02")]
    [InlineData(WorkOrderType.Installation, ApplianceCategory.AirConditioner, "2026-12-15", "AfterInstallation:2026-12-18 AfterInstallation30:2027-01-14")]
    [InlineData(WorkOrderType.Installation, ApplianceCategory.Refrigerator, "2028-02-28", "AfterInstallation:2028-03-02 AfterInstallation30:2028-03-29")]
    public void EachCompletionSchedulesItsCallbacksInStoreDays(WorkOrderType type, ApplianceCategory category, string completedOn, string expected) =>
        string.Join(' ', CallbackRules.AfterCompletion(type, category, DateOnly.Parse(completedOn)).Select(d => $"{d.Kind}:{d.DueOn:yyyy-MM-dd}"))
            .Should().Be(expected);

    [Fact]
    public void ASaleIsFollowedUpAWeekLater() => CallbackRules.SalesFollowUp(new DateOnly(2026, 11, 27)).Should().Be(new DateOnly(2026, 12, 4));

    [Theory]
    [InlineData("2026-01-31T15:59:59Z", "2026-01-31")] // 23:59:59 in Shanghai
    [InlineData("2026-01-31T16:00:00Z", "2026-02-01")] // midnight in Shanghai: the next day, and the next month
    public void TheStoresDayDecidesAcrossMidnight(string utc, string storeDay) =>
        RepairDispatch.Api.Stores.StoreClock.Zone("Asia/Shanghai").DayOf(DateTimeOffset.Parse(utc)).Should().Be(DateOnly.Parse(storeDay));
}
