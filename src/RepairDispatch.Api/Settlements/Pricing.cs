using System.Globalization;
using RepairDispatch.Api.Contracts;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Settlements;

/// <summary>
/// A manufacturer contract's fees. <see cref="CallbackFee"/> is carried for callback settlement and is not
/// part of a work order's price.
/// </summary>
public sealed record FeeSchedule(
    IReadOnlyDictionary<(ApplianceCategory Category, RepairLevel Level), decimal> RepairFees,
    IReadOnlyDictionary<ApplianceCategory, decimal> InstallationFees,
    decimal? CallbackFee,
    PartsReimbursement Parts);

/// <summary>
/// Out-of-warranty prices. Labour is charged per STARTED 30 minutes (31 min = 2 × <see cref="LabourPerHalfHour"/>);
/// <see cref="MinimumLabour"/>, when set, is the least labour charged whenever any labour was done.
/// </summary>
public sealed record CustomerPriceList(decimal LabourPerHalfHour, decimal OnSiteFee, decimal? MinimumLabour = null);

public sealed record PricedPart(Guid PartId, string Name, int Qty, decimal Cost, decimal RetailPrice);

/// <param name="FeeSchedule">The manufacturer contract's fees; null when we hold no contract.</param>
/// <param name="PartnerManagementFeeRate">Only for an installation done by an installer partner: the store's share, 0.20–0.30.</param>
public sealed record PricingInput(
    WorkOrderType Type, Payer Payer, ApplianceCategory Category, RepairLevel? Level, int LabourMinutes,
    IReadOnlyList<PricedPart> Parts, FeeSchedule? FeeSchedule, CustomerPriceList PriceList,
    decimal? PartnerManagementFeeRate, bool Claimable);

public sealed record ChargeLine(string Kind, Text Description, decimal Amount);

public sealed record PricingResult(
    IReadOnlyList<ChargeLine> ManufacturerClaim, IReadOnlyList<ChargeLine> CustomerCharge,
    IReadOnlyList<ChargeLine> PartnerPayout, IReadOnlyList<ChargeLine> ManagementFee, IReadOnlyList<Text> Reasons)
{
    public decimal ManufacturerClaimTotal => Money.Total(ManufacturerClaim);
    public decimal CustomerChargeTotal => Money.Total(CustomerCharge);
    public decimal PartnerPayoutTotal => Money.Total(PartnerPayout);
    public decimal ManagementFeeTotal => Money.Total(ManagementFee);
}

/// <summary>
/// Prices a completed work order (domain.md "Fees at completion"). Pure: no I/O, no clock.
/// Repairs and maintenance are priced by category × repair level; installations by the category's installation fee.
/// A partner installation splits the (rounded) installation fee: management fee = fee × rate rounded half-up,
/// partner payout = fee − management fee, so the two always add up to the fee to the cent.
/// </summary>
public static class Pricing
{
    public const decimal MinPartnerRate = 0.20m, MaxPartnerRate = 0.30m;

    public static PricingResult Price(PricingInput input)
    {
        Validate(input);
        var claim = new List<ChargeLine>();
        var customer = new List<ChargeLine>();
        var payout = new List<ChargeLine>();
        var mgmt = new List<ChargeLine>();
        var reasons = new List<Text>();

        switch (input.Payer)
        {
            case Payer.Store:
                reasons.Add(Codes.Pricing.StoreGoodwill);
                break;
            case Payer.Customer:
                PriceCustomer(input, customer);
                if (input.PartnerManagementFeeRate is not null)
                    reasons.Add(Codes.Pricing.NoPartnerSplit);
                break;
            case Payer.Manufacturer when input.FeeSchedule is null:
                reasons.Add(Codes.Pricing.NoContract);
                break;
            case Payer.Manufacturer when !input.Claimable:
                reasons.Add(Codes.Pricing.NotClaimable);
                break;
            case Payer.Manufacturer:
                PriceManufacturer(input, input.FeeSchedule, claim, payout, mgmt, reasons);
                break;
        }
        return new(claim, customer, payout, mgmt, reasons);
    }

    private static void PriceManufacturer(PricingInput i, FeeSchedule s, List<ChargeLine> claim,
        List<ChargeLine> payout, List<ChargeLine> mgmt, List<Text> reasons)
    {
        if (i.Type == WorkOrderType.Installation)
        {
            if (s.InstallationFees.TryGetValue(i.Category, out var raw))
            {
                var fee = Money.Round(raw);
                claim.Add(new("InstallationFee", Codes.Charge.InstallationFee.With(Codes.Word(i.Category)), fee));
                if (i.PartnerManagementFeeRate is { } rate)
                {
                    var store = Money.Round(fee * rate);
                    mgmt.Add(new("ManagementFee", Codes.Charge.ManagementFee.With(Inv($"{rate * 100:0.##}"), Codes.Yuan(fee)), store));
                    payout.Add(new("PartnerPayout", Codes.Charge.PartnerPayout.With(Codes.Yuan(fee), Codes.Yuan(store)), fee - store));
                }
            }
            else
                reasons.Add((i.PartnerManagementFeeRate is null ? Codes.Pricing.NoInstallationFee : Codes.Pricing.NoInstallationFeeNoSplit)
                    .With(Codes.Word(i.Category)));
        }
        else if (i.Level is not { } level)
            reasons.Add(Codes.Pricing.NoRepairLevel.With(Codes.Word(i.Type)));
        else if (s.RepairFees.TryGetValue((i.Category, level), out var raw))
            claim.Add(new("RepairFee", Codes.Charge.RepairFee.With(Codes.Word(level), Codes.Word(i.Category)), Money.Round(raw)));
        else
            reasons.Add(Codes.Pricing.NoRepairFee.With(Codes.Word(level), Codes.Word(i.Category)));

        if (s.Parts == PartsReimbursement.ManufacturerSupplied)
        {
            if (i.Parts.Count > 0) reasons.Add(Codes.Pricing.PartsSupplied);
            return;
        }
        foreach (var p in i.Parts.Where(p => p.Qty > 0))
            claim.Add(new("PartsAtCost", Codes.Charge.PartsAtCost.With(p.Name, p.Qty, Inv($"{p.Cost}")), Money.Round(p.Qty * p.Cost)));
    }

    private static void PriceCustomer(PricingInput i, List<ChargeLine> customer)
    {
        var list = i.PriceList;
        if (i.LabourMinutes > 0)
        {
            var halfHours = (i.LabourMinutes + 29) / 30;
            var labour = Money.Round(halfHours * list.LabourPerHalfHour);
            var rate = Inv($"{list.LabourPerHalfHour}");
            var description = Codes.Charge.Labour.With(i.LabourMinutes, halfHours, rate);
            if (list.MinimumLabour is { } min && labour < Money.Round(min))
                (labour, description) = (Money.Round(min), Codes.Charge.MinimumLabour.With(i.LabourMinutes, halfHours, rate, Codes.Yuan(labour)));
            customer.Add(new("Labour", description, labour));
        }
        foreach (var p in i.Parts.Where(p => p.Qty > 0))
            customer.Add(new("Part", Codes.Charge.Part.With(p.Name, p.Qty, Inv($"{p.RetailPrice}")), Money.Round(p.Qty * p.RetailPrice)));
        if (list.OnSiteFee > 0)
            customer.Add(new("OnSiteFee", Codes.Charge.OnSiteFee, Money.Round(list.OnSiteFee)));
    }

    private static void Validate(PricingInput i)
    {
        ArgumentNullException.ThrowIfNull(i);
        ArgumentNullException.ThrowIfNull(i.Parts);
        ArgumentNullException.ThrowIfNull(i.PriceList);
        ArgumentOutOfRangeException.ThrowIfNegative(i.LabourMinutes);
        foreach (var p in i.Parts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(p.Qty);
            ArgumentOutOfRangeException.ThrowIfNegative(p.Cost);
            ArgumentOutOfRangeException.ThrowIfNegative(p.RetailPrice);
        }
        ArgumentOutOfRangeException.ThrowIfNegative(i.PriceList.LabourPerHalfHour);
        ArgumentOutOfRangeException.ThrowIfNegative(i.PriceList.OnSiteFee);
        if (i.PriceList.MinimumLabour is { } min) ArgumentOutOfRangeException.ThrowIfNegative(min);
        if (i.FeeSchedule is { } s && (s.RepairFees.Values.Any(v => v < 0) || s.InstallationFees.Values.Any(v => v < 0)))
            throw new ArgumentOutOfRangeException(nameof(i.FeeSchedule), "Fee schedule amounts must not be negative.");
        if (i.PartnerManagementFeeRate is { } rate)
        {
            if (rate is < MinPartnerRate or > MaxPartnerRate)
                throw new ArgumentOutOfRangeException(nameof(i.PartnerManagementFeeRate), rate, "The partner management-fee rate must be between 0.20 and 0.30.");
            if (i.Type != WorkOrderType.Installation)
                throw new ArgumentException("A partner management-fee rate applies only to installations.", nameof(i.PartnerManagementFeeRate));
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
