using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Tests.WorkOrders;

/// <summary>The pure warranty core, by a table of edge cases (12/36 months from 2025-11-22).</summary>
public class WarrantyPolicyTests
{
    private static readonly DateOnly Bought = new(2025, 11, 22);

    [Theory]
    [InlineData("2025-11-22", null, true, "WholeUnit", "Manufacturer")]   // the day of purchase
    [InlineData("2026-11-21", null, true, "WholeUnit", "Manufacturer")]   // last day of 12 months
    [InlineData("2026-11-22", null, false, "MainPartsOnly", "Customer")]  // exactly 12 months: whole unit over
    [InlineData("2026-11-22", true, true, "MainPartsOnly", "Manufacturer")]
    [InlineData("2026-11-22", false, false, "MainPartsOnly", "Customer")]
    [InlineData("2028-11-21", true, true, "MainPartsOnly", "Manufacturer")] // last day of 36 months
    [InlineData("2028-11-22", true, false, "None", "Customer")]           // exactly 36 months: all over
    [InlineData("2028-11-22", null, false, "None", "Customer")]
    public void DecidesFromPurchaseDateAndFailedPart(string failure, bool? mainPart, bool inWarranty, string coverage, string payer)
    {
        var d = WarrantyPolicy.Decide(new WarrantyFacts(Bought, DateOnly.Parse(failure), WarrantyTerms.Default, mainPart, true, "Haier", "WashingMachine"));

        d.InWarranty.Should().Be(inWarranty);
        d.Coverage.ToString().Should().Be(coverage);
        d.Payer.ToString().Should().Be(payer);
        d.Claimable.Should().Be(inWarranty);
        d.Reason.Code.Should().StartWith("warranty.");
        d.Reason.Render(Localization.English).Should().NotContain("{", "every placeholder is filled");
    }

    [Fact]
    public void NoPurchaseDateIsOutOfWarrantyAndSaysSo()
    {
        var d = WarrantyPolicy.Decide(new WarrantyFacts(null, Bought, WarrantyTerms.Default, null, true, "Haier", "Tv"));

        d.InWarranty.Should().BeFalse();
        d.Payer.Should().Be(Payer.Customer);
        d.Reason.Code.Should().Be("warranty.no-purchase-date");
    }

    [Fact]
    public void InWarrantyWithoutContractIsManufacturerPaidButNotClaimableAndRefersTheCustomer()
    {
        var d = WarrantyPolicy.Decide(new WarrantyFacts(Bought, Bought.AddDays(10), WarrantyTerms.Default, null, false, "Midea", "Tv"));

        d.Payer.Should().Be(Payer.Manufacturer);
        d.Claimable.Should().BeFalse();
        d.Reason.Code.Should().Be("warranty.whole-unit.no-contract");
        d.Reason.Render(Localization.English).Should().Contain("refer the customer to Midea");
        d.Reason.Render(Localization.Chinese).Should().Contain("请客户联系Midea售后").And.Contain("彩电");
    }

    [Fact]
    public void LeapDayPurchaseEndsOnTheLastDayOfFebruary()
    {
        var d = WarrantyPolicy.Decide(new WarrantyFacts(new DateOnly(2028, 2, 29), new DateOnly(2029, 2, 28), WarrantyTerms.Default, null, true, "Haier", "Tv"));

        d.Coverage.Should().Be(WarrantyCoverage.MainPartsOnly, "12 months after 29 Feb is 28 Feb, so the whole-unit term ran through 27 Feb");
    }
}

public class SlaPolicyTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Normal", false, 4, 24, 72)]
    [InlineData("Urgent", false, 1, 4, 24)]
    [InlineData("Normal", true, 1, 4, 24)]
    public void DeadlinesFollowPriorityAndTier(string priority, bool vip, int assignH, int onSiteH, int completeH)
    {
        var sla = SlaPolicy.Deadlines(Created, Enum.Parse<Priority>(priority), vip);

        sla.AssignBy.Should().Be(Created.AddHours(assignH));
        sla.OnSiteBy.Should().Be(Created.AddHours(onSiteH));
        sla.CompleteBy.Should().Be(Created.AddHours(completeH));
    }

    [Fact]
    public void PausedClockIsNotBreachedByTimeSpentWaitingForParts()
    {
        var sla = SlaPolicy.Deadlines(Created, Priority.Normal, false);
        var paused = Created.AddHours(10);

        SlaPolicy.IsBreached(sla, Created.AddHours(1), Created.AddHours(5), null, paused, Created.AddHours(200)).Should().BeFalse();
        SlaPolicy.IsBreached(sla, Created.AddHours(1), Created.AddHours(5), null, null, Created.AddHours(73)).Should().BeTrue();
    }
}
