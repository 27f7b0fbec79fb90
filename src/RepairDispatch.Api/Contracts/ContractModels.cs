using System.ComponentModel.DataAnnotations;
using RepairDispatch.Api.Customers;
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

/// <summary>A contract version. With `supersedes`, it is the next version of that contract from `validFrom`.</summary>
public sealed record ContractRequest(
    [property: Required] DateOnly? ValidFrom,
    DateOnly? ValidTo,
    [property: Required, MinLength(1), MaxLength(9)] ApplianceCategory[] Categories,
    [property: MaxLength(9)] WarrantyTermInput[]? WarrantyTerms,
    [property: Required] FeesInput Fees,
    bool? CertificationRequired,
    SlaTerms? Sla,
    Guid? Supersedes);

public sealed record WarrantyTermView(ApplianceCategory Category, int WholeUnitMonths, int MainPartMonths);
public sealed record RepairFeeView(ApplianceCategory Category, RepairLevel Level, decimal Amount);
public sealed record InstallationFeeView(ApplianceCategory Category, decimal Amount);
public sealed record FeesView(RepairFeeView[] Repair, InstallationFeeView[] Installation, decimal? Callback, PartsReimbursement PartsReimbursement);

public sealed record ContractResponse(
    Guid Id, Guid ManufacturerId, Guid SeriesId, int Version, DateOnly ValidFrom, DateOnly? ValidTo,
    ApplianceCategory[] Categories, WarrantyTermView[] WarrantyTerms, FeesView Fees, bool CertificationRequired,
    SlaTerms? Sla, DateTimeOffset CreatedAt);
