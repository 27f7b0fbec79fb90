using System.ComponentModel.DataAnnotations;
using RepairDispatch.Api.Customers;

namespace RepairDispatch.Api.Sales;

public sealed record SaleCustomerRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: MaxLength(5)] List<string>? Phones,
    AddressRequest? Address);

/// <param name="NeedsInstallation">Absent: the category decides (<see cref="SaleRules.NeedsInstallation"/>).</param>
/// <param name="DeliveryOn">The store-local day of delivery, the installation's window; absent: the day of the sale.</param>
public sealed record SaleLineRequest(
    [property: Required, Range(1, 999)] int? LineNo,
    [property: Required] ApplianceCategory? Category,
    [property: Required] Guid? ManufacturerId,
    [property: Required, StringLength(100, MinimumLength = 1)] string Model,
    [property: StringLength(100)] string? SerialNumber,
    [property: Required] int? Qty,
    [property: Required] decimal? Price,
    [property: Required, StringLength(100, MinimumLength = 1)] string InvoiceNumber,
    bool? NeedsInstallation,
    DateOnly? DeliveryOn);

public sealed record SaleRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string SaleNumber,
    Guid? StoreId,
    [property: Required] DateTimeOffset? SoldAt,
    [property: Required] SaleCustomerRequest Customer,
    [property: Required, MinLength(1), MaxLength(200)] List<SaleLineRequest> Lines);

/// <summary>What the till gets back, the first time and on every resend: ids in line and unit order.</summary>
public sealed record SaleResponse(string SaleNumber, Guid CustomerId, IReadOnlyList<Guid> Appliances, IReadOnlyList<Guid> InstallationOrders,
    IReadOnlyList<Guid> Callbacks);

public enum SaleReturnKind { Return, Exchange }

public sealed record SaleReturnLineRequest(
    [property: Required] int? LineNo,
    [property: Required] SaleReturnKind? Kind,
    [property: StringLength(100)] string? NewSerialNumber,
    [property: Required] DateOnly? On);

public sealed record SaleReturnRequest([property: Required, MinLength(1), MaxLength(200)] List<SaleReturnLineRequest> Lines);

/// <param name="Appliances">The line's appliances as sold (now out of the registry).</param>
/// <param name="Replacements">For an exchange, the new appliances in the same order.</param>
public sealed record SaleReturnLineResponse(int LineNo, SaleReturnKind Kind, DateOnly On, IReadOnlyList<Guid> Appliances, IReadOnlyList<Guid> Replacements);

public sealed record SaleReturnResponse(string SaleNumber, IReadOnlyList<SaleReturnLineResponse> Lines);
