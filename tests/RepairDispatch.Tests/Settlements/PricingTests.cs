using System.Globalization;
using RepairDispatch.Api.Contracts;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Settlements;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Tests.Settlements;

/// <summary>The pure pricing core: who pays what at completion, rounded half-up per line.</summary>
public class PricingTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    private static FeeSchedule Schedule(PartsReimbursement parts = PartsReimbursement.AtCost, decimal washerInstall = 150m) => new(
        new Dictionary<(ApplianceCategory, RepairLevel), decimal>
        {
            [(ApplianceCategory.WashingMachine, RepairLevel.Minor)] = 50m,
            [(ApplianceCategory.WashingMachine, RepairLevel.Major)] = 120m,
        },
        new Dictionary<ApplianceCategory, decimal> { [ApplianceCategory.WashingMachine] = washerInstall, [ApplianceCategory.AirConditioner] = 99.99m },
        CallbackFee: 5m, parts);

    private static readonly CustomerPriceList Prices = new(LabourPerHalfHour: 40m, OnSiteFee: 30m);

    private static readonly PricedPart[] PumpAndBelt =
    [
        new(Guid.NewGuid(), "Drain pump", 2, 30.50m, 45m),
        new(Guid.NewGuid(), "Belt", 1, 5m, 12m),
    ];

    private static PricingInput Input(WorkOrderType type = WorkOrderType.Repair, Payer payer = Payer.Manufacturer,
        ApplianceCategory category = ApplianceCategory.WashingMachine, RepairLevel? level = RepairLevel.Major, int minutes = 75,
        IReadOnlyList<PricedPart>? parts = null, FeeSchedule? schedule = null, bool noContract = false,
        CustomerPriceList? prices = null, decimal? rate = null, bool claimable = true) =>
        new(type, payer, category, level, minutes, parts ?? PumpAndBelt, noContract ? null : schedule ?? Schedule(),
            prices ?? Prices, rate, claimable);

    [Theory]
    [InlineData("repair, manufacturer, parts at cost", "RepairFee,PartsAtCost,PartsAtCost", "186.00", "0", "0", "0", null)]
    [InlineData("repair, manufacturer, parts supplied", "RepairFee", "120.00", "0", "0", "0", "supplied by the manufacturer")]
    [InlineData("maintenance, manufacturer, minor", "RepairFee,PartsAtCost,PartsAtCost", "116.00", "0", "0", "0", null)]
    [InlineData("installation, manufacturer", "InstallationFee", "99.99", "0", "0", "0", null)]
    [InlineData("installation, partner at 0.20", "InstallationFee", "150.00", "0", "120.00", "30.00", null)]
    [InlineData("installation, partner at 0.30", "InstallationFee", "150.00", "0", "105.00", "45.00", null)]
    [InlineData("repair, customer, parts and on-site fee", "", "0", "252.00", "0", "0", null)]
    [InlineData("installation, customer", "", "0", "150.00", "0", "0", null)]
    [InlineData("repair, store goodwill", "", "0", "0", "0", "0", "goodwill")]
    [InlineData("installation by partner, store goodwill", "", "0", "0", "0", "0", "goodwill")]
    [InlineData("repair, manufacturer, no contract", "", "0", "0", "0", "0", "no service contract")]
    [InlineData("repair, manufacturer, not claimable", "", "0", "0", "0", "0", "not claimable")]
    public void EachPayerAndOrderTypeIsChargedToTheRightParty(string scenario, string claimKinds, string claim, string customer,
        string payout, string mgmt, string? reason)
    {
        var input = scenario switch
        {
            "repair, manufacturer, parts at cost" => Input(),
            "repair, manufacturer, parts supplied" => Input(schedule: Schedule(PartsReimbursement.ManufacturerSupplied)),
            "maintenance, manufacturer, minor" => Input(WorkOrderType.Maintenance, level: RepairLevel.Minor),
            "installation, manufacturer" => Input(WorkOrderType.Installation, category: ApplianceCategory.AirConditioner, level: null, parts: []),
            "installation, partner at 0.20" => Input(WorkOrderType.Installation, level: null, parts: [], rate: 0.20m),
            "installation, partner at 0.30" => Input(WorkOrderType.Installation, level: null, parts: [], rate: 0.30m),
            "repair, customer, parts and on-site fee" => Input(payer: Payer.Customer),         // 3 × 40 + 2 × 45 + 12 + 30
            "installation, customer" => Input(WorkOrderType.Installation, Payer.Customer, level: null, parts: []), // 3 × 40 + 30
            "repair, store goodwill" => Input(payer: Payer.Store),
            "installation by partner, store goodwill" => Input(WorkOrderType.Installation, Payer.Store, level: null, rate: 0.25m),
            "repair, manufacturer, no contract" => Input(noContract: true, claimable: false),
            "repair, manufacturer, not claimable" => Input(claimable: false),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var r = Pricing.Price(input);

        string.Join(",", r.ManufacturerClaim.Select(l => l.Kind)).Should().Be(claimKinds);
        r.ManufacturerClaimTotal.Should().Be(D(claim));
        r.CustomerChargeTotal.Should().Be(D(customer));
        r.PartnerPayoutTotal.Should().Be(D(payout));
        r.ManagementFeeTotal.Should().Be(D(mgmt));
        if (reason is null) r.Reasons.Should().BeEmpty();
        else r.Reasons.Should().ContainSingle().Which.Render(RepairDispatch.Api.Infrastructure.Localization.English).Should().Contain(reason);
        if (input.Payer == Payer.Customer)
            r.CustomerCharge.Select(l => l.Kind).Should().Contain(["Labour", "OnSiteFee"]);
    }

    [Theory]
    [InlineData("0.005", 1, "0.01")]
    [InlineData("0.004", 1, "0.00")]
    [InlineData("0.335", 3, "1.01")]   // 1.005 rounds up per line
    [InlineData("0.3349", 3, "1.00")]  // 1.0047
    [InlineData("1.115", 1, "1.12")]
    [InlineData("2.50", 0, null)]      // nothing used, no line
    public void EachPartLineIsRoundedHalfUpToTheFenForClaimAndCustomer(string price, int qty, string? expected)
    {
        PricedPart[] parts = [new(Guid.NewGuid(), "Fuse", qty, D(price), D(price))];

        var claim = Pricing.Price(Input(minutes: 0, parts: parts)).ManufacturerClaim.Where(l => l.Kind == "PartsAtCost");
        var customer = Pricing.Price(Input(payer: Payer.Customer, minutes: 0, parts: parts)).CustomerCharge.Where(l => l.Kind == "Part");

        claim.Select(l => l.Amount).Should().Equal(expected is null ? [] : [D(expected)]);
        customer.Select(l => l.Amount).Should().Equal(expected is null ? [] : [D(expected)]);
    }

    [Theory]
    [InlineData("12.345", 30, null, "12.35")]
    [InlineData("12.345", 31, null, "24.69")]   // started half hours: 2
    [InlineData("0.0025", 60, null, "0.01")]    // 0.005
    [InlineData("40", 10, "50", "50.00")]       // minimum labour charge
    [InlineData("40", 90, "50", "120.00")]
    public void LabourIsChargedPerStartedHalfHourRoundedHalfUp(string perHalfHour, int minutes, string? minimum, string expected)
    {
        var prices = new CustomerPriceList(D(perHalfHour), 0m, minimum is null ? null : D(minimum));

        var r = Pricing.Price(Input(payer: Payer.Customer, minutes: minutes, parts: [], prices: prices));

        r.CustomerCharge.Should().ContainSingle().Which.Should().Match<ChargeLine>(l => l.Kind == "Labour" && l.Amount == D(expected));
    }

    [Fact]
    public void TotalsAreSumsOfRoundedLinesNotARoundedSum()
    {
        PricedPart[] halfFen = [.. Enumerable.Range(0, 3).Select(i => new PricedPart(Guid.NewGuid(), $"Screw {i}", 1, 0.005m, 0.005m))];

        var claim = Pricing.Price(Input(parts: halfFen));
        var customer = Pricing.Price(Input(payer: Payer.Customer, minutes: 0, parts: halfFen));

        claim.ManufacturerClaimTotal.Should().Be(120.03m).And.Be(claim.ManufacturerClaim.Sum(l => l.Amount));
        customer.CustomerChargeTotal.Should().Be(30.03m, "three 0.01 lines and the on-site fee, not round(0.015) = 0.02");
    }

    [Theory]
    [InlineData("99.99", "0.20", "20.00", "79.99")]
    [InlineData("99.99", "0.30", "30.00", "69.99")]
    [InlineData("150.00", "0.20", "30.00", "120.00")]
    [InlineData("150.00", "0.30", "45.00", "105.00")]
    [InlineData("0.01", "0.20", "0.00", "0.01")]
    [InlineData("0.01", "0.30", "0.00", "0.01")]
    [InlineData("0.05", "0.30", "0.02", "0.03")]   // 0.015 rounds up to the store
    [InlineData("33.33", "0.25", "8.33", "25.00")]
    public void PartnerPayoutAndManagementFeeAddUpToTheInstallationFeeToTheCent(string fee, string rate, string mgmt, string payout)
    {
        var r = Pricing.Price(Input(WorkOrderType.Installation, level: null, parts: [], schedule: Schedule(washerInstall: D(fee)), rate: D(rate)));

        r.ManagementFee.Should().ContainSingle().Which.Amount.Should().Be(D(mgmt));
        r.PartnerPayout.Should().ContainSingle().Which.Amount.Should().Be(D(payout));
        (r.PartnerPayoutTotal + r.ManagementFeeTotal).Should().Be(D(fee)).And.Be(r.ManufacturerClaimTotal);
    }

    [Theory]
    [InlineData(WorkOrderType.Repair, RepairLevel.PartReplacement, ApplianceCategory.WashingMachine, "No Part replacement repair fee for washing machine")]
    [InlineData(WorkOrderType.Repair, RepairLevel.Minor, ApplianceCategory.Tv, "No Minor repair fee for TV")]
    [InlineData(WorkOrderType.Repair, null, ApplianceCategory.WashingMachine, "No repair level")]
    [InlineData(WorkOrderType.Installation, null, ApplianceCategory.GasStove, "No installation fee for gas stove")]
    public void AMissingFeeGivesAReasonAndNoLineNeverASilentZero(WorkOrderType type, RepairLevel? level, ApplianceCategory category, string reason)
    {
        var r = Pricing.Price(Input(type, category: category, level: level, parts: [], rate: type == WorkOrderType.Installation ? 0.2m : null));

        r.ManufacturerClaim.Should().BeEmpty();
        r.PartnerPayout.Should().BeEmpty();
        r.ManagementFee.Should().BeEmpty();
        r.Reasons.Should().ContainSingle().Which.Render(RepairDispatch.Api.Infrastructure.Localization.English).Should().Contain(reason);
    }

    [Theory]
    [InlineData("0.19")]
    [InlineData("0.31")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("-0.25")]
    public void APartnerRateOutside20To30PercentIsRejected(string rate) =>
        FluentActions.Invoking(() => Pricing.Price(Input(WorkOrderType.Installation, level: null, rate: D(rate))))
            .Should().Throw<ArgumentOutOfRangeException>();

    [Fact]
    public void NegativeMinutesOrQuantitiesAreRejected()
    {
        FluentActions.Invoking(() => Pricing.Price(Input(minutes: -1))).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Pricing.Price(Input(parts: [new(Guid.NewGuid(), "Pump", -1, 1m, 2m)])))
            .Should().Throw<ArgumentOutOfRangeException>();
    }
}
