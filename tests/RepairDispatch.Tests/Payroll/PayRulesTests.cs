using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Payroll;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Tests.Payroll;

/// <summary>The pure rules of pay: which rate wins, how a shared job splits, installations per unit.</summary>
public class PayRulesTests
{
    private static readonly PayRate Any = new(WorkOrderType.Repair, null, null, null, 1000);
    private static readonly PayRate ByPayer = new(WorkOrderType.Repair, null, null, Payer.Manufacturer, 1100);
    private static readonly PayRate ByLevel = new(WorkOrderType.Repair, null, RepairLevel.Major, null, 1200);
    private static readonly PayRate ByLevelAndPayer = new(WorkOrderType.Repair, null, RepairLevel.Major, Payer.Manufacturer, 1300);
    private static readonly PayRate ByCategory = new(WorkOrderType.Repair, ApplianceCategory.WashingMachine, null, null, 1400);
    private static readonly PayRate ByCategoryAndLevel = new(WorkOrderType.Repair, ApplianceCategory.WashingMachine, RepairLevel.Major, null, 1500);
    private static readonly PayRate Exact = new(WorkOrderType.Repair, ApplianceCategory.WashingMachine, RepairLevel.Major, Payer.Manufacturer, 1600);
    private static readonly PayRate Installation = new(WorkOrderType.Installation, ApplianceCategory.AirConditioner, null, null, 8000);

    public static TheoryData<string, PayRate[], WorkOrderType, ApplianceCategory, RepairLevel?, Payer, long?> Precedence => new()
    {
        { "only the catch-all matches", [Any, ByPayer, ByLevel, ByCategory], WorkOrderType.Repair, ApplianceCategory.Tv, RepairLevel.Minor, Payer.Customer, 1000 },
        { "payer beats nothing", [Any, ByPayer], WorkOrderType.Repair, ApplianceCategory.Tv, RepairLevel.Minor, Payer.Manufacturer, 1100 },
        { "level beats payer", [Any, ByPayer, ByLevel], WorkOrderType.Repair, ApplianceCategory.Tv, RepairLevel.Major, Payer.Manufacturer, 1200 },
        { "level and payer beat level", [ByLevel, ByLevelAndPayer, ByPayer], WorkOrderType.Repair, ApplianceCategory.Tv, RepairLevel.Major, Payer.Manufacturer, 1300 },
        { "category beats level and payer together", [ByLevelAndPayer, ByCategory], WorkOrderType.Repair, ApplianceCategory.WashingMachine, RepairLevel.Major, Payer.Manufacturer, 1400 },
        { "category and level beat category", [ByCategory, ByCategoryAndLevel, ByLevelAndPayer], WorkOrderType.Repair, ApplianceCategory.WashingMachine, RepairLevel.Major, Payer.Manufacturer, 1500 },
        { "all four beat everything", [Any, ByPayer, ByLevel, ByLevelAndPayer, ByCategory, ByCategoryAndLevel, Exact], WorkOrderType.Repair, ApplianceCategory.WashingMachine, RepairLevel.Major, Payer.Manufacturer, 1600 },
        { "the order of the rates does not matter", [Exact, ByCategoryAndLevel, ByCategory, ByLevelAndPayer, ByLevel, ByPayer, Any], WorkOrderType.Repair, ApplianceCategory.WashingMachine, RepairLevel.Major, Payer.Manufacturer, 1600 },
        { "a rate of another payer does not match", [Exact, ByCategory], WorkOrderType.Repair, ApplianceCategory.WashingMachine, RepairLevel.Major, Payer.Customer, 1400 },
        { "a job without a level matches no rate that names one", [ByLevel, Any], WorkOrderType.Repair, ApplianceCategory.Tv, null, Payer.Customer, 1000 },
        { "another type matches nothing", [Any, Exact], WorkOrderType.Maintenance, ApplianceCategory.WashingMachine, RepairLevel.Major, Payer.Manufacturer, null },
        { "installation by category", [Any, Installation], WorkOrderType.Installation, ApplianceCategory.AirConditioner, null, Payer.Manufacturer, 8000 },
    };

    [Theory]
    [MemberData(nameof(Precedence))]
    public void TheMostSpecificMatchingRateWins(string why, PayRate[] rates, WorkOrderType type, ApplianceCategory category, RepairLevel? level, Payer payer, long? fen) =>
        PayRates.For(rates, type, category, level, payer)?.AmountFen.Should().Be(fen, why);

    [Theory]
    [InlineData(10001, 40, 6001, 4000)]   // 60/40 of 100.01: 60.006 → 60.01, 40.004 → 40.00
    [InlineData(12345, 40, 7407, 4938)]   // exact
    [InlineData(10003, 40, 6002, 4001)]   // 60.018 → 60.02, 40.012 → 40.01
    [InlineData(1001, 50, 501, 500)]      // both halves end in half a fen: the lead gets the odd fen
    [InlineData(1005, 30, 704, 301)]      // 70/30: 7.035 and 3.015, both half a fen: the lead gets it
    [InlineData(1, 40, 1, 0)]
    [InlineData(0, 40, 0, 0)]
    public void ASharedJobSplitsHalfUpAndTheLinesAddUpToTheJob(long job, int helperPercent, long lead, long helper)
    {
        var split = PayRates.Split(job, helperPercent);
        split.Should().Be((lead, helper));
        (split.Lead + split.Helper).Should().Be(job);
    }

    [Fact]
    public void SplitsAlwaysAddUpAndEachLineIsWithinAFenOfItsShare()
    {
        for (long job = 0; job < 3000; job += 7)
            for (var share = 1; share <= 99; share += 7)
            {
                var (lead, helper) = PayRates.Split(job, share);
                (lead + helper).Should().Be(job);
                Math.Abs(helper - job * share / 100m).Should().BeLessThanOrEqualTo(0.5m);
                Math.Abs(lead - job * (100 - share) / 100m).Should().BeLessThanOrEqualTo(0.5m);
            }
    }

    [Theory]
    [InlineData(WorkOrderType.Installation, 3, 24000)]
    [InlineData(WorkOrderType.Installation, 1, 8000)]
    [InlineData(WorkOrderType.Repair, 3, 1000)]          // units count for installations only
    public void InstallationsArePaidPerUnit(WorkOrderType type, int units, long fen)
    {
        var lead = Guid.NewGuid();
        var job = new JobFact(Guid.NewGuid(), "WO-1", type, ApplianceCategory.AirConditioner, null, Payer.Manufacturer, lead,
            new DateOnly(2026, 6, 10), false, null, 0, units);
        var rules = new PayRuleSet([new PayRuleVersion(new DateOnly(2026, 1, 1), null, [Any, Installation], new Dictionary<string, long>())]);
        var lines = PayCalculator.Lines(new PayFacts([job], [], [], [], []), rules, new HashSet<Guid> { lead });
        lines.Should().ContainSingle().Which.AmountFen.Should().Be(fen);
    }

    [Fact]
    public void AdjustmentsAreWhatAMonthShouldBeNowMinusWhatWasPaidForIt()
    {
        var (tech, job, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        PayLine Line(string code, Guid source, long fen, string? adjusts = null) =>
            new(tech, source, adjusts is null ? code : PayCodes.Adjustment, source, RepairDispatch.Api.Texts.Text.Of("x"), fen, adjusts, adjusts is null ? null : code);
        var expected = new[] { Line(PayCodes.Job, job, 9000), Line(PayCodes.Rework, other, -2000) };
        var paid = new[] { Line(PayCodes.Job, job, 8000), Line(PayCodes.Job, job, 500, "2026-05"), Line(PayCodes.OnTimeArrival, job, 300) };
        var adjustments = PayCalculator.Adjustments("2026-05", expected, paid);
        adjustments.Select(a => (a.AdjustsCode, a.SourceId, a.AmountFen, a.Code, a.AdjustsPeriod)).Should().BeEquivalentTo(new[]
        {
            ((string?)PayCodes.Job, job, 500L, PayCodes.Adjustment, (string?)"2026-05"),
            (PayCodes.Rework, other, -2000L, PayCodes.Adjustment, "2026-05"),
            (PayCodes.OnTimeArrival, job, -300L, PayCodes.Adjustment, "2026-05"),
        });
        PayCalculator.Adjustments("2026-05", expected, paid.Concat(adjustments)).Should().BeEmpty("once adjusted, nothing is left to adjust");
    }
}
