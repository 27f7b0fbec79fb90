namespace RepairDispatch.Api.WorkOrders;

public sealed record WarrantyTerms(int WholeUnitMonths, int MainPartMonths)
{
    /// <summary>整机一年, 主要部件三年 — the default when no contract says otherwise.</summary>
    public static readonly WarrantyTerms Default = new(12, 36);
}

public sealed record WarrantyFacts(
    DateOnly? PurchaseDate, DateOnly FailureDate, WarrantyTerms Terms, bool? FailedPartIsMain,
    bool ContractCoversBrandAndCategory, string Manufacturer, string Category);

public sealed record WarrantyDecision(bool InWarranty, Payer Payer, WarrantyCoverage Coverage, bool Claimable, string Reason);

/// <summary>
/// Decides warranty and payer. A warranty of N months runs from the purchase date up to the day before the
/// same date N months later (bought 2025-11-22, 12 months: covered through 2026-11-21).
/// </summary>
public static class WarrantyPolicy
{
    public static WarrantyDecision Decide(WarrantyFacts f)
    {
        if (f.PurchaseDate is not { } bought)
            return new(false, Payer.Customer, WarrantyCoverage.None, false,
                "No purchase date on file: out of warranty unless a manager overrides with proof of purchase.");

        var wholeUnitEnd = bought.AddMonths(f.Terms.WholeUnitMonths);
        var mainPartEnd = bought.AddMonths(f.Terms.MainPartMonths);
        var through = $"bought {bought:yyyy-MM-dd}";
        if (f.FailureDate < wholeUnitEnd)
            return InWarranty(f, WarrantyCoverage.WholeUnit,
                $"In whole-unit warranty ({f.Terms.WholeUnitMonths} months, {through}, covered through {wholeUnitEnd.AddDays(-1):yyyy-MM-dd})");
        if (f.FailureDate < mainPartEnd)
        {
            var mainParts = $"whole-unit warranty ended {wholeUnitEnd.AddDays(-1):yyyy-MM-dd} ({through}); main parts covered through {mainPartEnd.AddDays(-1):yyyy-MM-dd}";
            return f.FailedPartIsMain switch
            {
                true => InWarranty(f, WarrantyCoverage.MainPartsOnly, $"Main part in warranty: {mainParts}"),
                false => new(false, Payer.Customer, WarrantyCoverage.MainPartsOnly, false,
                    $"Out of warranty: the failed part is not a main part and the {mainParts}."),
                null => new(false, Payer.Customer, WarrantyCoverage.MainPartsOnly, false,
                    $"Provisionally customer-paid: the {mainParts}. If the failed part is a main part the manufacturer pays; confirmed at completion."),
            };
        }
        return new(false, Payer.Customer, WarrantyCoverage.None, false,
            $"Out of warranty: {through}; whole-unit warranty ended {wholeUnitEnd.AddDays(-1):yyyy-MM-dd} and main parts {mainPartEnd.AddDays(-1):yyyy-MM-dd}.");
    }

    /// <summary>A manager's goodwill or proof-of-purchase override: the store or manufacturer pays, with the manager's reason.</summary>
    public static WarrantyDecision Override(Payer payer, string reason) =>
        new(payer != Payer.Customer, payer, payer == Payer.Customer ? WarrantyCoverage.None : WarrantyCoverage.WholeUnit,
            false, OverridePrefix + reason);

    public const string OverridePrefix = "Manager override: ";

    private static WarrantyDecision InWarranty(WarrantyFacts f, WarrantyCoverage coverage, string why) =>
        f.ContractCoversBrandAndCategory
            ? new(true, Payer.Manufacturer, coverage, true, $"{why}; {f.Manufacturer} pays under our service contract for {f.Category}.")
            : new(true, Payer.Manufacturer, coverage, false,
                $"{why}; we hold no service contract with {f.Manufacturer} for {f.Category}, so it is not claimable by us: refer the customer to {f.Manufacturer}'s own service, or a manager may make it Store goodwill.");
}
