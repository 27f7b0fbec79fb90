using System.ComponentModel.DataAnnotations;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.Photos;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Contracts;

public enum PartsReimbursement { AtCost, ManufacturerSupplied }

public sealed record WarrantyTermInput(
    [property: Required] ApplianceCategory? Category,
    [property: Range(1, 120)] int WholeUnitMonths,
    [property: Range(1, 240)] int MainPartMonths);

public sealed record RepairFeeInput(
    [property: Required] ApplianceCategory? Category,
    [property: Required] RepairLevel? Level,
    [property: Range(typeof(decimal), "0", "100000")] decimal Amount);

public sealed record InstallationFeeInput(
    [property: Required] ApplianceCategory? Category,
    [property: Range(typeof(decimal), "0", "100000")] decimal Amount);

public sealed record FeesInput(
    [property: MaxLength(27)] RepairFeeInput[]? Repair,
    [property: MaxLength(9)] InstallationFeeInput[]? Installation,
    [property: Range(typeof(decimal), "0", "100000")] decimal? Callback,
    [property: Required] PartsReimbursement? PartsReimbursement);

public sealed record SlaTerms(
    [property: Range(1, 720)] int? AssignHours,
    [property: Range(1, 720)] int? OnSiteHours,
    [property: Range(1, 2160)] int? CompleteHours);

public sealed record EvidenceRuleInput(
    [property: Required] WorkOrderType? Type,
    [property: Required, MinLength(1), MaxLength(6)] PhotoKind[] Kinds);

public sealed record OldPartReturnInput([property: Required] bool? Required, [property: Range(1, 365)] int? WithinDays);

/// <summary>What the manufacturer needs before it pays a claim under this version (api-outline "Claims").</summary>
public sealed record ClaimRulesInput(
    bool? CallbackRequired,
    [property: MaxLength(3)] EvidenceRuleInput[]? Evidence,
    OldPartReturnInput? OldPartReturn,
    [property: Range(1, 365)] int? SubmitWithinDays);

/// <summary>A contract version. With `supersedes`, it is the next version of that contract from `validFrom`.</summary>
public sealed record ContractRequest(
    [property: Required] DateOnly? ValidFrom,
    DateOnly? ValidTo,
    [property: Required, MinLength(1), MaxLength(9)] ApplianceCategory[] Categories,
    [property: MaxLength(9)] WarrantyTermInput[]? WarrantyTerms,
    [property: Required] FeesInput Fees,
    bool? CertificationRequired,
    SlaTerms? Sla,
    Guid? Supersedes,
    ClaimRulesInput? ClaimRules = null);

public sealed record WarrantyTermView(ApplianceCategory Category, int WholeUnitMonths, int MainPartMonths);
public sealed record RepairFeeView(ApplianceCategory Category, RepairLevel Level, decimal Amount);
public sealed record InstallationFeeView(ApplianceCategory Category, decimal Amount);
public sealed record FeesView(RepairFeeView[] Repair, InstallationFeeView[] Installation, decimal? Callback, PartsReimbursement PartsReimbursement);

public sealed record EvidenceRuleView(WorkOrderType Type, PhotoKind[] Kinds);
public sealed record OldPartReturnView(bool Required, int? WithinDays);

/// <summary>A version's claim rules; a contract that states none demands nothing beyond the completed job.</summary>
public sealed record ClaimRulesView(bool CallbackRequired, EvidenceRuleView[] Evidence, OldPartReturnView? OldPartReturn, int? SubmitWithinDays);

public sealed record ContractResponse(
    Guid Id, Guid ManufacturerId, Guid SeriesId, int Version, DateOnly ValidFrom, DateOnly? ValidTo,
    ApplianceCategory[] Categories, WarrantyTermView[] WarrantyTerms, FeesView Fees, bool CertificationRequired,
    SlaTerms? Sla, ClaimRulesView ClaimRules, DateTimeOffset CreatedAt);
