namespace RepairDispatch.Api.Customers;

public sealed record ApplianceResponse(
    Guid Id, Guid CustomerId, ApplianceCategory Category, Guid ManufacturerId, string ManufacturerName, string Model, string? SerialNumber,
    DateOnly? PurchaseDate, bool BoughtHere, string? InvoiceNumber, DateOnly? ManufactureDate, bool CommercialUse, DateOnly? InstalledOn,
    DateTimeOffset CreatedAt);

public static class Appliance
{
    public const string Columns = """
        a.id, a.customer_id, a.category, a.manufacturer_id, m.name AS manufacturer_name, a.model, a.serial_number, a.purchase_date,
        a.bought_here, a.invoice_number, a.manufacture_date, a.commercial_use, a.installed_on, a.created_at, c.store_id
        """;
    public const string From = " FROM appliances a JOIN manufacturers m ON m.id = a.manufacturer_id JOIN customers c ON c.id = a.customer_id ";

    public sealed class Row
    {
        public Guid Id { get; init; }
        public Guid CustomerId { get; init; }
        public string Category { get; init; } = "";
        public Guid ManufacturerId { get; init; }
        public string ManufacturerName { get; init; } = "";
        public string Model { get; init; } = "";
        public string? SerialNumber { get; init; }
        public DateOnly? PurchaseDate { get; init; }
        public bool BoughtHere { get; init; }
        public string? InvoiceNumber { get; init; }
        public DateOnly? ManufactureDate { get; init; }
        public bool CommercialUse { get; init; }
        public DateOnly? InstalledOn { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public Guid StoreId { get; init; }

        public ApplianceResponse ToResponse() => new(Id, CustomerId, Enum.Parse<ApplianceCategory>(Category), ManufacturerId, ManufacturerName,
            Model, SerialNumber, PurchaseDate, BoughtHere, InvoiceNumber, ManufactureDate, CommercialUse, InstalledOn, CreatedAt);
    }
}
