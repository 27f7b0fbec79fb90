using RepairDispatch.Api.Customers;

namespace RepairDispatch.Api.Parts;

public sealed record PartResponse(
    Guid Id, string PartNumber, string Name, ApplianceCategory? Category, Guid? ManufacturerId, bool MainPart, decimal Cost, decimal RetailPrice,
    DateTimeOffset CreatedAt);

internal static class Part
{
    public const string Columns = "id, part_number, name, category, manufacturer_id, main_part, cost_fen, retail_price_fen, created_at";

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string PartNumber { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Category { get; init; }
        public Guid? ManufacturerId { get; init; }
        public bool MainPart { get; init; }
        public long CostFen { get; init; }
        public long RetailPriceFen { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public PartResponse ToResponse() => new(Id, PartNumber, Name, Category is null ? null : Enum.Parse<ApplianceCategory>(Category),
            ManufacturerId, MainPart, Fen.ToYuan(CostFen), Fen.ToYuan(RetailPriceFen), CreatedAt);
    }
}

/// <summary>Money is stored as integer fen (分) and shown as yuan with exactly 2 decimals.</summary>
public static class Fen
{
    public static bool HasAtMostTwoDecimals(decimal yuan) => decimal.Round(yuan, 2) == yuan;

    // Rounds half-up to the fen, so an amount never loses a fen by truncation.
    public static long FromYuan(decimal yuan) => (long)decimal.Round(yuan * 100m, 0, MidpointRounding.AwayFromZero);

    // Multiplying by 0.01m gives the decimal a scale of 2, so JSON shows 12.50 rather than 12.5.
    public static decimal ToYuan(long fen) => fen * 0.01m;
}
