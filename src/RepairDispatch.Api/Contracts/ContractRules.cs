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
        return r.ClaimRules is { } rules ? CheckClaimRules(rules) : null;
    }

    private static IResult? CheckClaimRules(ClaimRulesInput rules)
    {
        var evidence = rules.Evidence ?? [];
        if (evidence.DistinctBy(e => e.Type).Count() != evidence.Length)
            return Problems.Validation("claimRules.evidence", Codes.ClaimRefusal.EachTypeOnce);
        for (var i = 0; i < evidence.Length; i++)
            if (evidence[i].Kinds.Distinct().Count() != evidence[i].Kinds.Length)
                return Problems.Validation($"claimRules.evidence[{i}].kinds", Codes.ClaimRefusal.EachKindOnce);
        return rules.OldPartReturn switch
        {
            { Required: true, WithinDays: null } => Problems.Validation("claimRules.oldPartReturn.withinDays", Codes.ClaimRefusal.ReturnWithinDaysRequired),
            { Required: false, WithinDays: not null } => Problems.Validation("claimRules.oldPartReturn.withinDays", Codes.ClaimRefusal.ReturnWithinDaysOnlyWhenRequired),
            _ => null,
        };
    }

    public static ClaimRulesView ClaimRulesOf(ClaimRulesInput? r) => new(
        r?.CallbackRequired ?? false,
        (r?.Evidence ?? []).OrderBy(e => e.Type).Select(e => new EvidenceRuleView(e.Type!.Value, [.. e.Kinds.Order()])).ToArray(),
        r?.OldPartReturn is { Required: true } ret ? new OldPartReturnView(true, ret.WithinDays) : null,
        r?.SubmitWithinDays);

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
            r.CertificationRequired ?? false, r.Sla, ClaimRulesOf(r.ClaimRules), createdAt);
    }
}
