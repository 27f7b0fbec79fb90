using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Contracts;

/// <summary>The checks a contract must pass before it is stored, and its normalised form (default terms filled in).</summary>
public static class ContractRules
{
    public static IResult? Check(ContractRequest r)
    {
        if (r.ValidTo is { } to && to <= r.ValidFrom) return Problems.Validation("validTo", Codes.Refusal.ValidToAfterValidFrom);
        if (r.Categories.Distinct().Count() != r.Categories.Length) return Problems.Validation("categories", Codes.Refusal.EachCategoryOnce);
        var covered = r.Categories.ToHashSet();
        var terms = r.WarrantyTerms ?? [];
        if (terms.Any(t => !covered.Contains(t.Category!.Value))) return Problems.Validation("warrantyTerms", Codes.Refusal.TermsOnlyCovered);
        if (terms.DistinctBy(t => t.Category).Count() != terms.Length) return Problems.Validation("warrantyTerms", Codes.Refusal.EachCategoryOnce);
        if (terms.Any(t => t.MainPartMonths < t.WholeUnitMonths)) return Problems.Validation("warrantyTerms", Codes.Refusal.MainPartMonthsShorter);
        var repair = r.Fees.Repair ?? [];
        if (repair.Any(f => !covered.Contains(f.Category!.Value))) return Problems.Validation("fees.repair", Codes.Refusal.FeesOnlyCovered);
        if (repair.DistinctBy(f => (f.Category, f.Level)).Count() != repair.Length) return Problems.Validation("fees.repair", Codes.Refusal.OneFeePerCategoryAndLevel);
        var install = r.Fees.Installation ?? [];
        if (install.Any(f => !covered.Contains(f.Category!.Value))) return Problems.Validation("fees.installation", Codes.Refusal.FeesOnlyCovered);
        if (install.DistinctBy(f => f.Category).Count() != install.Length) return Problems.Validation("fees.installation", Codes.Refusal.OneFeePerCategory);
        if (repair.Select(f => f.Amount).Concat(install.Select(f => f.Amount)).Append(r.Fees.Callback ?? 0).Any(a => !Fen.HasAtMostTwoDecimals(a)))
            return Problems.Validation("fees", Codes.Refusal.AmountsInFen);
        return null;
    }

    public static ContractResponse ToResponse(ContractRequest r, Guid manufacturerId, Guid id, Guid seriesId, int version, DateTimeOffset createdAt)
    {
        var terms = r.Categories.Select(cat => r.WarrantyTerms?.FirstOrDefault(t => t.Category == cat) is { } t
            ? new WarrantyTermView(cat, t.WholeUnitMonths, t.MainPartMonths)
            : new WarrantyTermView(cat, WarrantyTerms.Default.WholeUnitMonths, WarrantyTerms.Default.MainPartMonths)).ToArray();
        var fees = new FeesView(
            (r.Fees.Repair ?? []).Select(f => new RepairFeeView(f.Category!.Value, f.Level!.Value, f.Amount)).ToArray(),
            (r.Fees.Installation ?? []).Select(f => new InstallationFeeView(f.Category!.Value, f.Amount)).ToArray(),
            r.Fees.Callback, r.Fees.PartsReimbursement!.Value);
        return new ContractResponse(id, manufacturerId, seriesId, version, r.ValidFrom!.Value, r.ValidTo, r.Categories, terms, fees,
            r.CertificationRequired ?? false, r.Sla, createdAt);
    }
}
