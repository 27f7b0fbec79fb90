using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Stores;

namespace RepairDispatch.Api.OldParts;

public enum ReturnStatus { Shipped, Received }

public sealed record ReturnView(Guid Id, Guid StoreId, Guid ManufacturerId, string ManufacturerName, string Carrier, string Waybill, ReturnStatus Status,
    DateTimeOffset ShippedAt, DateOnly? ReceivedOn, Guid CreatedBy, long Version, IReadOnlyList<OldPartView> Parts);

public sealed record ReturnListItem(Guid Id, Guid StoreId, Guid ManufacturerId, string ManufacturerName, string Carrier, string Waybill,
    ReturnStatus Status, DateTimeOffset ShippedAt, DateOnly? ReceivedOn, int PartCount);

/// <summary>A return batch: old parts of one manufacturer and store, shipped with a carrier's waybill.</summary>
public sealed class ReturnRow
{
    public const string Select = """
        SELECT r.id, r.store_id, r.manufacturer_id, m.name AS manufacturer_name, r.carrier, r.waybill, r.status, r.shipped_at, r.received_on,
               r.created_by_user_id, r.version, r.created_at,
               (SELECT COUNT(*) FROM old_parts op WHERE op.return_id = r.id) AS part_count
        FROM old_part_returns r JOIN manufacturers m ON m.id = r.manufacturer_id
        """;
    private const string PartsSql = OldPartRow.Select + " WHERE op.return_id = @Id ORDER BY op.tag";

    public Guid Id { get; init; }
    public Guid StoreId { get; init; }
    public Guid ManufacturerId { get; init; }
    public string ManufacturerName { get; init; } = "";
    public string Carrier { get; init; } = "";
    public string Waybill { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTimeOffset ShippedAt { get; init; }
    public DateOnly? ReceivedOn { get; init; }
    public Guid CreatedByUserId { get; init; }
    public long Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public int PartCount { get; init; }

    public string ETag => $"\"{Version}\"";

    public ReturnListItem Item() => new(Id, StoreId, ManufacturerId, ManufacturerName, Carrier, Waybill, Enum.Parse<ReturnStatus>(Status),
        ShippedAt, ReceivedOn, PartCount);

    public static Task<ReturnRow?> ByIdAsync(DbConnection c, DbTransaction? tx, Guid id) =>
        c.QuerySingleOrDefaultAsync<ReturnRow>(Select + " WHERE r.id = @Id", new { Id = id }, tx);

    public static async Task<List<OldPartRow>> PartsAsync(DbConnection c, DbTransaction? tx, Guid id) =>
        (await c.QueryAsync<OldPartRow>(PartsSql, new { Id = id }, tx)).ToList();

    public async Task<ReturnView> ViewAsync(DbConnection c, DbTransaction? tx, DateTimeOffset now)
    {
        var today = (await StoreClock.OfStoreAsync(c, tx, StoreId)).DayOf(now);
        var parts = await PartsAsync(c, tx, Id);
        return new ReturnView(Id, StoreId, ManufacturerId, ManufacturerName, Carrier, Waybill, Enum.Parse<ReturnStatus>(Status), ShippedAt, ReceivedOn,
            CreatedByUserId, Version, [.. parts.Select(p => p.View(today))]);
    }
}
