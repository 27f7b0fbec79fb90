using System.ComponentModel.DataAnnotations;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Mobile;

/// <param name="OccurredAt">When the technician did it, by the phone's clock (offline steps sent later); default now.</param>
public sealed record JobStepRequest(DateTimeOffset? OccurredAt);

public sealed record DeclineJobRequest([property: Required, StringLength(1000, MinimumLength = 1)] string Reason, DateTimeOffset? OccurredAt);

public sealed record ArriveRequest([property: Required, Range(-90.0, 90.0)] double? Lat, [property: Required, Range(-180.0, 180.0)] double? Lon,
    DateTimeOffset? OccurredAt);

public sealed record PartQuantity([property: Required] Guid? PartId, [property: Required, Range(1, 100)] int? Qty);

public sealed record AwaitPartsRequest(
    [property: Required, MinLength(1), MaxLength(20)] List<PartQuantity> Parts,
    [property: StringLength(1000)] string? Note,
    DateTimeOffset? OccurredAt);

/// <param name="CustomerSignature">The customer's signature as a base64 PNG or JPEG, at most <see cref="Signatures.MaxBytes"/> bytes.</param>
public sealed record CompleteJobRequest(
    RepairLevel? RepairLevel,
    [property: StringLength(200)] string? FailedPart,
    [property: Required] bool? MainPart,
    [property: MaxLength(30)] List<PartQuantity>? Parts,
    [property: Required, Range(0, 1440)] int? LabourMinutes,
    [property: StringLength(2000)] string? Notes,
    [property: Range(1, 5)] int? CustomerRating,
    [property: StringLength(Signatures.MaxBase64Chars)] string? CustomerSignature,
    DateTimeOffset? OccurredAt);
