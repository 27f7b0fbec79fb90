using RepairDispatch.Api.Receivables;

namespace RepairDispatch.Tests.Receivables;

/// <summary>The aging and allocation cores, table-driven at their edges.</summary>
public class AgingTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 30);
    private static readonly Guid Maker = Guid.NewGuid();
    private static readonly Guid Store = Guid.NewGuid();
    private static readonly Guid Statement = Guid.NewGuid();

    private static ReceivableClaim Claim(int daysAgo, long fen, DateOnly? runPaidOn = null, long? approvedFen = null, DateOnly? knownOn = null, Guid? store = null) =>
        new(Guid.NewGuid(), Maker, store ?? Store, AsOf.AddDays(-daysAgo), fen, runPaidOn,
            approvedFen is { } a ? new StatementAnswer(Statement, knownOn ?? AsOf.AddDays(-1), a) : null);

    private static long[] Buckets(ManufacturerAging a) => [a.Buckets.D0To30Fen, a.Buckets.D31To60Fen, a.Buckets.D61To90Fen, a.Buckets.D90PlusFen];

    [Theory]
    [InlineData(0, 0)]
    [InlineData(30, 0)]
    [InlineData(31, 1)]
    [InlineData(60, 1)]
    [InlineData(61, 2)]
    [InlineData(90, 2)]
    [InlineData(91, 3)]
    [InlineData(400, 3)]
    public void DaysOwedFallInTheirBucket(int daysAgo, int bucket)
    {
        var aging = Aging.Age([Claim(daysAgo, 12_345)], [], AsOf).Single();
        var expected = new long[4];
        expected[bucket] = 12_345;
        Buckets(aging).Should().Equal(expected);
        aging.Buckets.TotalFen.Should().Be(12_345);
    }

    [Fact]
    public void AClaimCompletedAfterAsOfIsNotOwedYet() =>
        Aging.Age([Claim(-1, 100)], [], AsOf).Should().BeEmpty();

    [Fact]
    public void PaymentsPayTheOldestClaimsOfAStatementFirstAndClearEachOnTheDayOfItsLastFen()
    {
        var old = Claim(70, 10_000, approvedFen: 10_000);
        var young = Claim(20, 5_001, approvedFen: 5_001);
        var money = new[]
        {
            new StatementMoney(Statement, AsOf.AddDays(-10), 6_000),
            new StatementMoney(Statement, AsOf.AddDays(-5), 4_001),   // clears the old claim (4,000) and 1 fen of the young one
            new StatementMoney(Statement, AsOf.AddDays(1), 5_000),    // after asOf: does not count
        };
        var aging = Aging.Age([young, old], money, AsOf).Single();
        Buckets(aging).Should().Equal(5_000, 0, 0, 0);
        aging.DaysToCashMedian.Should().Be(65); // completed 70 days ago, cleared 5 days ago
    }

    [Fact]
    public void AStatementThatApprovedLessCapsWhatIsOwedAndARejectionOwesNothing()
    {
        var cut = Claim(10, 10_000, approvedFen: 8_950);
        var rejected = Claim(10, 3_000, approvedFen: 0);
        var raised = Claim(10, 1_000, approvedFen: 1_200);
        var notYetKnown = Claim(10, 700, approvedFen: 0, knownOn: AsOf.AddDays(1));
        Buckets(Aging.Age([cut, rejected, raised, notYetKnown], [], AsOf).Single()).Should().Equal(8_950 + 1_000 + 700, 0, 0, 0);
    }

    [Fact]
    public void ARunMarkedPaidClearsItsClaimsFromItsPaidDay()
    {
        var paid = Claim(40, 2_000, runPaidOn: AsOf.AddDays(-4));
        var paidLater = Claim(40, 3_000, runPaidOn: AsOf.AddDays(2));
        var aging = Aging.Age([paid, paidLater], [], AsOf).Single();
        Buckets(aging).Should().Equal(0, 3_000, 0, 0);
        aging.DaysToCashMedian.Should().Be(36);
    }

    [Fact]
    public void TheMedianIsOverClaimsClearedInTheYearUpToAsOf()
    {
        var claims = new[]
        {
            Claim(500, 100, runPaidOn: AsOf.AddDays(-366)),           // cleared more than a year ago: out
            Claim(400, 100, runPaidOn: AsOf.AddDays(-365)),           // cleared exactly a year ago: out (the year is (asOf − 1 year, asOf])
            Claim(50, 100, runPaidOn: AsOf.AddDays(-40)),             // 10 days
            Claim(50, 100, runPaidOn: AsOf.AddDays(-25)),             // 25 days
            Claim(50, 100, runPaidOn: AsOf),                          // 50 days
            Claim(50, 100, runPaidOn: AsOf.AddDays(-29)),             // 21 days
        };
        Aging.Age(claims, [], AsOf).Single().DaysToCashMedian.Should().Be(23m); // (21 + 25) / 2
        Aging.Age([Claim(5, 100)], [], AsOf).Single().DaysToCashMedian.Should().BeNull();
    }

    [Fact]
    public void AStoreFilterAgesThatStoresClaimsAfterPaymentsWerePouredOverAll()
    {
        var otherStore = Guid.NewGuid();
        var older = Claim(50, 1_000, approvedFen: 1_000, store: otherStore);
        var ours = Claim(10, 1_000, approvedFen: 1_000);
        var money = new[] { new StatementMoney(Statement, AsOf, 1_500) };
        Buckets(Aging.Age([older, ours], money, AsOf, Store).Single()).Should().Equal(500, 0, 0, 0);
        Buckets(Aging.Age([older, ours], money, AsOf, otherStore).Single()).Should().Equal(0, 0, 0, 0);
    }

    [Theory]
    [InlineData(new[] { 7 }, 7.0)]
    [InlineData(new[] { 9, 1, 4 }, 4.0)]
    [InlineData(new[] { 1, 2 }, 1.5)]
    [InlineData(new[] { 30, 31, 60, 61 }, 45.5)]
    public void MedianOfDays(int[] days, double median) => Aging.Median(days).Should().Be((decimal)median);

    [Fact]
    public void AllocationFillsTheOldestStatementFirstAndRefusesMoreThanOwed()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var now = DateTimeOffset.UnixEpoch;
        StatementDue[] dues = [new(b, "2026-10", now.AddDays(1), 3_000), new(a, "2026-09", now, 2_000), new(c, "2026-10", now.AddDays(2), 0)];
        Allocation.Allocate(4_500, dues).Should().Equal((a, 2_000L), (b, 2_500L), (c, 0L));
        Allocation.Allocate(5_000, dues).Should().Equal((a, 2_000L), (b, 3_000L), (c, 0L));
        Allocation.Allocate(5_001, dues).Should().BeNull();
    }
}
