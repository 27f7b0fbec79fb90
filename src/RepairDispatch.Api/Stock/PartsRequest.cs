using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Stock;

public enum PartsRequestStatus { Requested, Approved, Rejected, Shipped, Received }

public sealed record PartsRequestLine(Guid PartId, string PartNumber, string PartName, long Qty);

/// <param name="FromLocationId">Where the parts leave from: the warehouse (or a store).</param>
/// <param name="ToLocationId">Where they go: a technician's van or a store.</param>
/// <param name="ExpectedOn">The day the parts should arrive, set when shipped (in the receiving store's days).</param>
public sealed record PartsRequestView(Guid Id, Guid FromLocationId, Guid ToLocationId, Guid? WorkOrderId, PartsRequestStatus Status, string? Note,
    IReadOnlyList<PartsRequestLine> Lines, Guid RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt, string? RejectReason,
    DateTimeOffset? ShippedAt, DateOnly? ExpectedOn, DateTimeOffset? ReceivedAt, long Version);

/// <summary>A parts request as stored, who may see it, and its view.</summary>
public sealed class PartsRequest
{
    public const string Columns = """
        id, from_location_id, to_location_id, from_store_id, to_store_id, work_order_id, status, note, requested_by, requested_at,
        decided_by, decided_at, reject_reason, shipped_by, shipped_at, expected_on, received_by, received_at, version
        """;
    private const string ByIdSql = "SELECT " + Columns + " FROM parts_requests WHERE id = @Id";
    private const string LinesSql = """
        SELECT l.parts_request_id, l.part_id, p.part_number, p.name AS part_name, l.qty
        FROM parts_request_lines l JOIN parts p ON p.id = l.part_id WHERE l.parts_request_id IN @Ids ORDER BY p.part_number
        """;

    public Guid Id { get; init; }
    public Guid FromLocationId { get; init; }
    public Guid ToLocationId { get; init; }
    public Guid FromStoreId { get; init; }
    public Guid ToStoreId { get; init; }
    public Guid? WorkOrderId { get; init; }
    public string Status { get; set; } = "";
    public string? Note { get; init; }
    public Guid RequestedBy { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public Guid? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? RejectReason { get; set; }
    public Guid? ShippedBy { get; set; }
    public DateTimeOffset? ShippedAt { get; set; }
    public DateOnly? ExpectedOn { get; set; }
    public Guid? ReceivedBy { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
    public long Version { get; init; }

    public PartsRequestStatus State => Enum.Parse<PartsRequestStatus>(Status);
    public string ETag => $"\"{Version}\"";

    /// <summary>Staff of either end's store, or headquarters; a technician only his own van's requests.</summary>
    public bool IsVisibleTo(CurrentUser me) => me.IsTechnician
        ? me.TechnicianId == ToLocationId || me.TechnicianId == FromLocationId
        : me.SeesStore(FromStoreId) || me.SeesStore(ToStoreId);

    public static Task<PartsRequest?> ByIdAsync(DbConnection c, DbTransaction? tx, Guid id) =>
        c.QuerySingleOrDefaultAsync<PartsRequest>(ByIdSql, new { Id = id }, tx);

    public static async Task<List<PartsRequestView>> ViewsAsync(DbConnection c, DbTransaction? tx, IReadOnlyList<PartsRequest> rows)
    {
        var lines = (await c.QueryAsync<LineRow>(LinesSql, new { Ids = Infrastructure.Db.IdList(c, rows.Select(r => r.Id)) }, tx))
            .ToLookup(l => l.PartsRequestId);
        return rows.Select(r => new PartsRequestView(r.Id, r.FromLocationId, r.ToLocationId, r.WorkOrderId, r.State, r.Note,
            lines[r.Id].Select(l => new PartsRequestLine(l.PartId, l.PartNumber, l.PartName, l.Qty)).ToList(), r.RequestedBy, r.RequestedAt,
            r.DecidedAt, r.RejectReason, r.ShippedAt, r.ExpectedOn, r.ReceivedAt, r.Version)).ToList();
    }

    public async Task<PartsRequestView> ViewAsync(DbConnection c, DbTransaction? tx) => (await ViewsAsync(c, tx, [this]))[0];

    private sealed class LineRow
    {
        public Guid PartsRequestId { get; init; }
        public Guid PartId { get; init; }
        public string PartNumber { get; init; } = "";
        public string PartName { get; init; } = "";
        public long Qty { get; init; }
    }
}
