using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Stock;

public sealed record PartsRequestLineRequest([property: Required] Guid? PartId, [property: Required, Range(1, 10_000)] int? Qty);

/// <param name="WorkOrderId">The order waiting for these parts (AwaitingParts): the desk sees the request and its expected arrival on it.</param>
public sealed record CreatePartsRequestRequest(
    [property: Required] Guid? FromLocationId,
    [property: Required] Guid? ToLocationId,
    [property: Required, MinLength(1), MaxLength(50)] List<PartsRequestLineRequest> Lines,
    Guid? WorkOrderId,
    [property: StringLength(500)] string? Note);

/// <summary>
/// A technician (for his van) or a store asks for parts from the warehouse (备件申领). Nothing moves yet: a manager
/// approves or rejects, the warehouse ships, the receiver receives.
/// </summary>
public static class CreatePartsRequest
{
    private const string OrderSql = "SELECT store_id, technician_id FROM work_orders WHERE id = @Id";
    private const string InsertSql = """
        INSERT INTO parts_requests (id, from_location_id, to_location_id, from_store_id, to_store_id, work_order_id, status, note, requested_by, requested_at, version)
        VALUES (@Id, @FromLocationId, @ToLocationId, @FromStoreId, @ToStoreId, @WorkOrderId, 'Requested', @Note, @RequestedBy, @RequestedAt, 1)
        """;
    private const string InsertLineSql = "INSERT INTO parts_request_lines (parts_request_id, part_id, qty) VALUES (@RequestId, @PartId, @Qty)";

    public static async Task<IResult> Handle(CreatePartsRequestRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var me = http.Me();
        if (me.Role == Roles.Finance) return Problems.Forbidden(Codes.Stock.MayNotRequest);
        if (request.FromLocationId == request.ToLocationId) return Problems.Validation("toLocationId", Codes.Stock.SameLocation);
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await StockLocation.VisibleAsync(c, tx, request.ToLocationId!.Value, me) is not { } to) return Problems.NotFound(Codes.Stock.LocationThing);
            if (me.IsTechnician && !to.IsOwnVanOf(me)) return Problems.Validation("toLocationId", Codes.Stock.OwnVanOnly);
            var from = await StockLocation.FindAsync(c, tx, request.FromLocationId!.Value);
            if (from is null) return Problems.Validation("fromLocationId", Codes.Stock.NoSuchLocation);
            if (from.IsVan) return Problems.Validation("fromLocationId", Codes.Stock.VanDoesNotShip);
            if (request.WorkOrderId is { } orderId && await c.QuerySingleOrDefaultAsync<OrderRow>(OrderSql, new { Id = orderId }, tx) is var order
                // A technician names a job assigned to him, whichever store it is of (a lent technician serves another store's jobs).
                && (order is null || (me.IsTechnician ? order.TechnicianId != me.TechnicianId : !me.SeesStore(order.StoreId))))
                return Problems.Validation("workOrderId", Codes.Refusal.NoSuchWorkOrder);
            var (_, problem) = await StockParts.KnownAsync(c, tx, request.Lines.Select(l => l.PartId!.Value).ToList());
            if (problem is not null) return problem;
            var row = new PartsRequest
            {
                Id = Guid.CreateVersion7(), FromLocationId = from.Id, ToLocationId = to.Id, FromStoreId = from.StoreId, ToStoreId = to.StoreId,
                WorkOrderId = request.WorkOrderId, Status = nameof(PartsRequestStatus.Requested), Note = request.Note?.Trim(),
                RequestedBy = me.Id, RequestedAt = clock.GetUtcNow(), Version = 1,
            };
            await c.ExecuteAsync(InsertSql, row, tx);
            foreach (var line in request.Lines) await c.ExecuteAsync(InsertLineSql, new { RequestId = row.Id, line.PartId, line.Qty }, tx);
            return new WithETag(row.ETag, TypedResults.Created($"/api/v1/parts-requests/{row.Id}", await row.ViewAsync(c, tx)));
        });
    }

    private sealed class OrderRow
    {
        public Guid StoreId { get; init; }
        public Guid? TechnicianId { get; init; }
    }
}
