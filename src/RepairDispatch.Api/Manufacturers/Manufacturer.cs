namespace RepairDispatch.Api.Manufacturers;

public sealed record ManufacturerResponse(Guid Id, string Name, string? ContactName, string? ContactPhone, string? ClaimDetails, DateTimeOffset CreatedAt);

internal static class Manufacturer
{
    public const string Columns = "id, name, contact_name, contact_phone, claim_details, created_at";

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? ContactName { get; init; }
        public string? ContactPhone { get; init; }
        public string? ClaimDetails { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public ManufacturerResponse ToResponse() => new(Id, Name, ContactName, ContactPhone, ClaimDetails, CreatedAt);
    }
}
