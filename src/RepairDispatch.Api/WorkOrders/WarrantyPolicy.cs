using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.WorkOrders;

public sealed record WarrantyTerms(int WholeUnitMonths, int MainPartMonths)
{
    /// <summary>整机一年, 主要部件三年 — the default when no contract says otherwise.</summary>
    public static readonly WarrantyTerms Default = new(12, 36);
}

public sealed record WarrantyFacts(
    DateOnly? PurchaseDate, DateOnly FailureDate, WarrantyTerms Terms, bool? FailedPartIsMain,
    bool ContractCoversBrandAndCategory, string Manufacturer, string Category);

public sealed record WarrantyDecision(bool InWarranty, Payer Payer, WarrantyCoverage Coverage, bool Claimable, Text Reason);

/// <summary>
/// Decides warranty and payer. A warranty of N months runs from the purchase date up to the day before the
/// same date N months later (bought 2025-11-22, 12 months: covered through 2026-11-21).
/// </summary>
public static class WarrantyPolicy
{
    public static WarrantyDecision Decide(WarrantyFacts f)
    {
        if (f.PurchaseDate is not { } bought)
            return new(false, Payer.Customer, WarrantyCoverage.None, false, Codes.Warranty.NoPurchaseDate);

        var wholeUnitEnd = bought.AddMonths(f.Terms.WholeUnitMonths);
        var mainPartEnd = bought.AddMonths(f.Terms.MainPartMonths);
        var category = Codes.Word(Enum.Parse<Customers.ApplianceCategory>(f.Category));
        if (f.FailureDate < wholeUnitEnd)
        {
            var code = f.ContractCoversBrandAndCategory ? Codes.Warranty.WholeUnitContract : Codes.Warranty.WholeUnitNoContract;
            return InWarranty(f, WarrantyCoverage.WholeUnit,
                code.With(f.Terms.WholeUnitMonths, Codes.Day(bought), Codes.Day(wholeUnitEnd.AddDays(-1)), f.Manufacturer, category));
        }
        var dates = new object[] { Codes.Day(bought), Codes.Day(wholeUnitEnd.AddDays(-1)), Codes.Day(mainPartEnd.AddDays(-1)) };
        if (f.FailureDate < mainPartEnd)
        {
            var code = f.ContractCoversBrandAndCategory ? Codes.Warranty.MainPartContract : Codes.Warranty.MainPartNoContract;
            return f.FailedPartIsMain switch
            {
                true => InWarranty(f, WarrantyCoverage.MainPartsOnly, code.With([.. dates, f.Manufacturer, category])),
                false => new(false, Payer.Customer, WarrantyCoverage.MainPartsOnly, false, Codes.Warranty.NotMainPart.With(dates)),
                null => new(false, Payer.Customer, WarrantyCoverage.MainPartsOnly, false, Codes.Warranty.Provisional.With(dates)),
            };
        }
        return new(false, Payer.Customer, WarrantyCoverage.None, false, Codes.Warranty.Expired.With(dates));
    }

    /// <summary>A manager's goodwill or proof-of-purchase override: the store or manufacturer pays, with the manager's reason.</summary>
    public static WarrantyDecision Override(Payer payer, string reason) =>
        new(payer != Payer.Customer, payer, payer == Payer.Customer ? WarrantyCoverage.None : WarrantyCoverage.WholeUnit,
            false, Codes.Warranty.Override.With(reason));

    private static WarrantyDecision InWarranty(WarrantyFacts f, WarrantyCoverage coverage, Text why) =>
        new(true, Payer.Manufacturer, coverage, f.ContractCoversBrandAndCategory, why);
}
