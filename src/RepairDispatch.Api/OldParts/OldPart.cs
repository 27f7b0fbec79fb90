using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Claims;
using RepairDispatch.Api.Stores;

namespace RepairDispatch.Api.OldParts;

public sealed record OldPartView(Guid Id, string Tag, Guid StoreId, Guid WorkOrderId, string WorkOrderNumber, Guid PartId, string PartNumber,
    string PartName, Guid ManufacturerId, string ManufacturerName, Guid? TechnicianId, string? TechnicianName, int Quantity, OldPartStatus Status,
    bool ReturnRequired, DateOnly? DueOn, bool Overdue, Guid? ReturnId, DateOnly? ReceivedOn, string? WriteOffReason, long Version);

public sealed record OldPartHistoryItem(OldPartStatus Status, DateTimeOffset At, Guid? ByUserId, string? ByUsername, Guid? ReturnId, string? Reason);

public sealed record OldPartDetail(OldPartView Part, IReadOnlyList<OldPartHistoryItem> History);

/// <summary>An old part as read with its order number, part number and brand.</summary>
public sealed class OldPartRow
{
    public const string Select = """
        SELECT op.id, op.tag, op.store_id, op.work_order_id, wo.number AS work_order_number, op.part_id, p.part_number, p.name AS part_name,
               op.manufacturer_id, m.name AS manufacturer_name, op.technician_id, t.name AS technician_name, op.quantity, op.status,
               op.return_required, op.due_on, op.return_id, op.received_on, op.written_off_reason, op.version, op.created_at
        FROM old_parts op
        JOIN work_orders wo ON wo.id = op.work_order_id
        JOIN parts p ON p.id = op.part_id
        JOIN manufacturers m ON m.id = op.manufacturer_id
        LEFT JOIN technicians t ON t.id = op.technician_id
        """;

    public Guid Id { get; init; }
    public string Tag { get; init; } = "";
    public Guid StoreId { get; init; }
    public Guid WorkOrderId { get; init; }
    public string WorkOrderNumber { get; init; } = "";
    public Guid PartId { get; init; }
    public string PartNumber { get; init; } = "";
    public string PartName { get; init; } = "";
    public Guid ManufacturerId { get; init; }
    public string ManufacturerName { get; init; } = "";
    public Guid? TechnicianId { get; init; }
    public string? TechnicianName { get; init; }
    public int Quantity { get; init; }
    public string Status { get; init; } = "";
    public bool ReturnRequired { get; init; }
    public DateOnly? DueOn { get; init; }
    public Guid? ReturnId { get; init; }
    public DateOnly? ReceivedOn { get; init; }
    public string? WrittenOffReason { get; init; }
    public long Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public OldPartStatus State => Enum.Parse<OldPartStatus>(Status);

    /// <summary>Past its due day (the store's today) and not yet on its way back or written off.</summary>
    public bool IsOverdue(DateOnly storeToday) => DueOn < storeToday && State is OldPartStatus.WithTechnician or OldPartStatus.InStore;

    public string ETag => $"\"{Version}\"";

    public OldPartView View(DateOnly storeToday) => new(Id, Tag, StoreId, WorkOrderId, WorkOrderNumber, PartId, PartNumber, PartName, ManufacturerId,
        ManufacturerName, TechnicianId, TechnicianName, Quantity, State, ReturnRequired, DueOn, IsOverdue(storeToday), ReturnId, ReceivedOn,
        WrittenOffReason, Version);

    public static Task<OldPartRow?> ByIdAsync(DbConnection c, DbTransaction? tx, Guid id) =>
        c.QuerySingleOrDefaultAsync<OldPartRow>(Select + " WHERE op.id = @Id", new { Id = id }, tx);

    public static Task<OldPartRow?> ByTagAsync(DbConnection c, DbTransaction? tx, string tag) =>
        c.QuerySingleOrDefaultAsync<OldPartRow>(Select + " WHERE op.tag = @Tag", new { Tag = tag }, tx);
}

/// <summary>Every status change of old parts: one history row per part (who, when, why) and the claim of each order looked at again.</summary>
public static class OldPartHistory
{
    private const string InsertSql = """
        INSERT INTO old_part_events (id, old_part_id, status, return_id, by_user_id, reason, occurred_at)
        VALUES (@Id, @PartId, @Status, @ReturnId, @UserId, @Reason, @Now)
        """;
    private const string HistorySql = """
        SELECT e.status, e.occurred_at AS at, e.by_user_id, u.username AS by_username, e.return_id, e.reason
        FROM old_part_events e LEFT JOIN users u ON u.id = e.by_user_id
        WHERE e.old_part_id = @Id ORDER BY e.occurred_at, e.id
        """;

    private sealed class HistoryRow
    {
        public string Status { get; init; } = "";
        public DateTimeOffset At { get; init; }
        public Guid? ByUserId { get; init; }
        public string? ByUsername { get; init; }
        public Guid? ReturnId { get; init; }
        public string? Reason { get; init; }
    }

    public static async Task RecordAsync(DbConnection c, DbTransaction tx, IEnumerable<(Guid PartId, Guid WorkOrderId)> parts, OldPartStatus status,
        Guid? userId, DateTimeOffset now, Guid? returnId = null, string? reason = null)
    {
        var list = parts.ToList();
        foreach (var (partId, _) in list)
            await c.ExecuteAsync(InsertSql, new { Id = Guid.CreateVersion7(), PartId = partId, Status = status.ToString(), ReturnId = returnId,
                UserId = userId, Reason = reason, Now = now }, tx);
        foreach (var orderId in list.Select(p => p.WorkOrderId).Distinct())
            await ClaimReadiness.RefreshAsync(c, tx, orderId, now);
    }

    public static async Task<OldPartDetail> DetailAsync(DbConnection c, DbTransaction? tx, OldPartRow part, DateTimeOffset now)
    {
        var zone = await StoreClock.OfStoreAsync(c, tx, part.StoreId);
        var history = await c.QueryAsync<HistoryRow>(HistorySql, new { part.Id }, tx);
        return new OldPartDetail(part.View(zone.DayOf(now)), [.. history.Select(h =>
            new OldPartHistoryItem(Enum.Parse<OldPartStatus>(h.Status), h.At, h.ByUserId, h.ByUsername, h.ReturnId, h.Reason))]);
    }
}
