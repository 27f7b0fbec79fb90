using RepairDispatch.Api.Kpis;
using RepairDispatch.Api.Stores;

namespace RepairDispatch.Tests.Kpis;

/// <summary>The definitions' edges on the pure core (docs/kpis.md): one order's state in, its fact row out.</summary>
public class KpiFactsTests
{
    private static readonly StoreZone Shanghai = StoreClock.Zone("Asia/Shanghai");
    private static readonly DateTimeOffset Created = new(2026, 6, 1, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai

    private static KpiOrderState Order(string status = "Completed", KpiStep[]? steps = null, DateTimeOffset[]? reworks = null,
        string[]? breaches = null, string? settlement = null, bool resubmitted = false, KpiOldPart[]? oldParts = null,
        int? callback = null, int? rating = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "WashingMachine", "Repair", status, Created,
            Created.AddHours(4), Created.AddHours(24), Created.AddHours(72), 30, rating, false, Shanghai, 570,
            steps ?? [Step(30, "Assigned"), Step(90, "OnSite"), Step(120, "Completed")], reworks ?? [], callback, 0, [],
            (breaches ?? []).ToHashSet(), settlement, resubmitted, oldParts ?? []);

    private static KpiStep Step(int minutes, string to) => new(Created.AddMinutes(minutes), to);

    [Theory]
    [InlineData(0, true)]   // created the day of completion
    [InlineData(30, true)]  // the 30th day after completion still counts
    [InlineData(31, false)]
    public void AReworkCountsWithinThirtyStoreDaysAfterCompletion(int daysAfter, bool reworked)
    {
        // Completed at 12:00 Shanghai on 1 June; a rework at 23:30 Shanghai of the day +N (15:30 UTC).
        var rework = new DateTimeOffset(2026, 6, 1, 15, 30, 0, TimeSpan.Zero).AddDays(daysAfter);
        var fact = KpiFacts.Of(Order(reworks: [rework]));
        fact.Reworked.Should().Be(reworked);
    }

    [Fact]
    public void PausedTimeIsLeftOutOfEveryTimeThatSpansIt()
    {
        // on site at 60, awaiting parts 80 → 1,520 (back on the road), on site again 1,550, completed 1,580
        var fact = KpiFacts.Of(Order(steps: [Step(10, "Assigned"), Step(60, "OnSite"), Step(80, "AwaitingParts"), Step(1520, "EnRoute"),
            Step(1550, "OnSite"), Step(1580, "Completed")]));
        (fact.AssignMinutes, fact.OnSiteMinutes, fact.CompleteMinutes).Should().Be((10, 60, 140));
        fact.SecondVisit.Should().BeTrue();
    }

    [Theory]
    [InlineData(null, false, null)]        // not settled yet: undecided
    [InlineData("Matched", false, true)]
    [InlineData("Matched", true, false)]   // resubmitted after the first statement
    [InlineData("AmountDiffers", false, false)]
    [InlineData("Rejected", false, false)]
    public void AClaimPassesFirstTimeOnlyWhenItsFirstStatementMatchedIt(string? outcome, bool resubmitted, bool? firstPass) =>
        KpiFacts.Of(Order(settlement: outcome, resubmitted: resubmitted)).ClaimFirstPass.Should().Be(firstPass);

    [Fact]
    public void OldPartsAreOnTimeWhenShippedByTheirDueDayInTheStoresDay()
    {
        var due = new DateOnly(2026, 7, 1);
        var fact = KpiFacts.Of(Order(oldParts:
        [
            new KpiOldPart("Shipped", due, new DateTimeOffset(2026, 7, 1, 15, 59, 0, TimeSpan.Zero)), // 23:59 on the due day
            new KpiOldPart("Shipped", due, new DateTimeOffset(2026, 7, 1, 16, 0, 0, TimeSpan.Zero)),  // 00:00 the next day
            new KpiOldPart("Lost", due, null),
            new KpiOldPart("WithTechnician", due, null),
        ]));
        (fact.OldPartsOnTime, fact.OldPartsLate, fact.OldPartsOpen, fact.OldPartsOpenDue).Should().Be((1, 2, 1, due));
    }

    [Theory]
    [InlineData(new string[0], true, true, true)]
    [InlineData(new[] { "OnSite" }, true, false, true)] // the watchdog's breach decides even before the arrival
    public void SlaOutcomesAreTheMilestonesAgainstTheirDeadlinesOrARecordedBreach(string[] breaches, bool assign, bool onSite, bool complete)
    {
        var fact = KpiFacts.Of(Order(breaches: breaches));
        (fact.AssignMet, fact.OnSiteMet, fact.CompleteMet).Should().Be((assign, onSite, complete));
    }

    [Fact]
    public void AnOpenOrderHasNoCompletionFiguresAndUndecidedDeadlines()
    {
        var fact = KpiFacts.Of(Order(status: "Assigned", steps: [Step(30, "Assigned")], callback: 5));
        (fact.CompletedDay, fact.CompleteMinutes, fact.OnSiteMet, fact.CompleteMet, fact.Satisfaction, fact.ServiceMinutes)
            .Should().Be((null, null, null, null, null, 0));
        fact.AssignMet.Should().BeTrue();
    }

    [Theory]
    [InlineData(4, null, 4)]
    [InlineData(null, 2, 2)]
    [InlineData(5, 1, 5)] // the callback's score wins over the customer's own
    public void TheScoreIsTheCallbacksElseTheCustomersOwn(int? callback, int? rating, int expected) =>
        KpiFacts.Of(Order(callback: callback, rating: rating)).Satisfaction.Should().Be(expected);

    [Theory]
    [InlineData(new[] { 5, 10, 30 }, 10, 30)]
    [InlineData(new[] { 7 }, 7, 7)]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 5, 9)]
    [InlineData(new[] { 1, 1, 1, 100 }, 1, 100)]
    public void PercentilesAreNearestRank(int[] values, int p50, int p90)
    {
        var histogram = new SortedDictionary<int, int>();
        foreach (var v in values) histogram[v] = histogram.GetValueOrDefault(v) + 1;
        (KpiFold.Percentile(histogram, 50), KpiFold.Percentile(histogram, 90)).Should().Be((p50, p90));
    }
}
