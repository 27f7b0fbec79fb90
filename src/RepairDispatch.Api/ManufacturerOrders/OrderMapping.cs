using System.ComponentModel.DataAnnotations;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.ManufacturerOrders;

/// <summary>The manufacturer's own header texts for each column of its portal's order file; null = not in its files.</summary>
public sealed record OrderColumns(
    [property: Required, MaxLength(100)] string? ExternalNumber,
    [property: Required, MaxLength(100)] string? CustomerName,
    [property: Required, MaxLength(100)] string? Phone,
    [property: MaxLength(100)] string? District,
    [property: MaxLength(100)] string? Street,
    [property: Required, MaxLength(100)] string? Category,
    [property: Required, MaxLength(100)] string? Model,
    [property: MaxLength(100)] string? SerialNumber,
    [property: MaxLength(100)] string? PurchaseDate,
    [property: MaxLength(100)] string? Type,
    [property: Required, MaxLength(100)] string? FaultDescription)
{
    public IEnumerable<(string Field, string Header)> Named()
    {
        (string, string?)[] all =
        [
            ("externalNumber", ExternalNumber), ("customerName", CustomerName), ("phone", Phone), ("district", District), ("street", Street),
            ("category", Category), ("model", Model), ("serialNumber", SerialNumber), ("purchaseDate", PurchaseDate), ("type", Type),
            ("faultDescription", FaultDescription),
        ];
        return all.Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => (p.Item1, p.Item2!.Trim()));
    }
}

/// <summary>The words the manufacturer's portal uses for our statuses; a status left out keeps its default.</summary>
public sealed record StatusWords(
    [property: MaxLength(50)] string? New, [property: MaxLength(50)] string? Assigned, [property: MaxLength(50)] string? Accepted,
    [property: MaxLength(50)] string? EnRoute, [property: MaxLength(50)] string? OnSite, [property: MaxLength(50)] string? AwaitingParts,
    [property: MaxLength(50)] string? Completed, [property: MaxLength(50)] string? Closed, [property: MaxLength(50)] string? Cancelled)
{
    public static readonly StatusWords Defaults = new("待派工", "已派工", "已接单", "已出发", "服务中", "待配件", "已完工", "已完成", "已取消");

    public string Of(WorkOrderStatus status) => status switch
    {
        WorkOrderStatus.New => New ?? Defaults.New!,
        WorkOrderStatus.Assigned => Assigned ?? Defaults.Assigned!,
        WorkOrderStatus.Accepted => Accepted ?? Defaults.Accepted!,
        WorkOrderStatus.EnRoute => EnRoute ?? Defaults.EnRoute!,
        WorkOrderStatus.OnSite => OnSite ?? Defaults.OnSite!,
        WorkOrderStatus.AwaitingParts => AwaitingParts ?? Defaults.AwaitingParts!,
        WorkOrderStatus.Completed => Completed ?? Defaults.Completed!,
        WorkOrderStatus.Closed => Closed ?? Defaults.Closed!,
        _ => Cancelled ?? Defaults.Cancelled!,
    };
}

/// <summary>
/// PUT body. Columns as in a statement mapping (header found as the first row holding every mapped
/// header, or pinned by <paramref name="HeaderRow"/>); <paramref name="IgnoredColumns"/> are headers the file may carry
/// that we do not read — any other header is refused. <paramref name="CancelReasonCodes"/>: the codes the brand accepts
/// when one of its orders is cancelled (default: the codes in <see cref="OrderMapping.DefaultCancelReasonCodes"/>).
/// </summary>
public sealed record OrderMappingBody(
    [property: MaxLength(100)] string? Sheet,
    [property: Range(1, 1000)] int? HeaderRow,
    [property: Required] OrderColumns? Columns,
    [property: MaxLength(50)] List<string>? IgnoredColumns,
    [property: MaxLength(50)] List<string>? CancelReasonCodes,
    StatusWords? StatusWords);

public sealed record OrderMappingResponse(Guid ManufacturerId, string? Sheet, int? HeaderRow, OrderColumns Columns, IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<string> CancelReasonCodes, StatusWords StatusWords, long Version);

/// <summary>A brand's order profile as intake, import, cancel and export use it.</summary>
public sealed record OrderMapping(string? Sheet, int? HeaderRow, OrderColumns? Columns, IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<string> CancelReasonCodes, StatusWords StatusWords)
{
    public static readonly IReadOnlyList<string> DefaultCancelReasonCodes = ["customer-cancelled", "duplicate-order", "customer-unreachable", "no-fault-found"];

    /// <summary>What a brand without a saved mapping gets: no file columns, the default cancel codes and status words.</summary>
    public static readonly OrderMapping Default = new(null, null, null, [], DefaultCancelReasonCodes, StatusWords.Defaults);

    public static OrderMapping Of(OrderMappingBody b) => new(b.Sheet, b.HeaderRow, b.Columns, b.IgnoredColumns ?? [],
        b.CancelReasonCodes is { Count: > 0 } codes ? codes : DefaultCancelReasonCodes, b.StatusWords ?? StatusWords.Defaults);

    public bool Accepts(string? reasonCode) => reasonCode is not null && CancelReasonCodes.Contains(reasonCode.Trim(), StringComparer.OrdinalIgnoreCase);
}
