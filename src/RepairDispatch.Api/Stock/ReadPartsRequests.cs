using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Stock;

/// <summary>What the desk sees on a waiting order: its parts requests and when they should arrive.</summary>
public sealed record OrderPartsRequest(Guid Id, PartsRequestStatus Status, DateOnly? ExpectedOn);

public static class ReadPartsRequests
{
    private static readonly DialectSql ListSql = Paging.FirstRows("SELECT " + PartsRequest.Columns + """
         FROM parts_requests
        WHERE (@StoreId IS NULL OR from_store_id = @StoreId OR to_store_id = @StoreId)
          AND (@TechnicianId IS NULL OR to_location_id = @TechnicianId)
          AND (@LocationId IS NULL OR from_location_id = @LocationId OR to_location_id = @LocationId)
          AND (@Status IS NULL OR status = @Status)
          AND (@WorkOrderId IS NULL OR work_order_id = @WorkOrderId)
          AND (@CursorAt IS NULL OR requested_at < @CursorAt OR (requested_at = @CursorAt AND id < @CursorId))
        ORDER BY requested_at DESC, id DESC
        """, "OPTION (RECOMPILE)");
    private const string OfOrderSql = "SELECT id, status, expected_on FROM parts_requests WHERE work_order_id = @Id ORDER BY requested_at, id";

    public static async Task<IResult> List(Guid? locationId, PartsRequestStatus? status, Guid? workOrderId, int? pageSize, string? cursor,
        HttpContext http, Db db)
    {
        if (Cursor.Validate(pageSize, cursor) is { } bad) return bad;
        var me = http.Me();
        var size = pageSize ?? Cursor.DefaultPageSize;
        var hasCursor = Cursor.TryDecode(cursor, out var at, out var lastId);
        await using var c = await db.OpenAsync();
        var rows = (await c.QueryAsync<PartsRequest>(db.Sql(ListSql), new
        {
            me.StoreId, TechnicianId = me.IsTechnician ? me.TechnicianId : null, LocationId = locationId, Status = status?.ToString(),
            WorkOrderId = workOrderId, CursorAt = hasCursor ? at : (DateTimeOffset?)null, CursorId = hasCursor ? lastId : (Guid?)null, Take = size + 1,
        })).ToList();
        var page = Cursor.Cut(rows, size, r => (r.RequestedAt, r.Id));
        return TypedResults.Ok(new Page<PartsRequestView>(await PartsRequest.ViewsAsync(c, null, page.Items.ToList()), page.NextCursor));
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, Db db)
    {
        await using var c = await db.OpenAsync();
        var request = await PartsRequest.ByIdAsync(c, null, id);
        if (request is null || !request.IsVisibleTo(http.Me())) return Problems.NotFound(Codes.Stock.RequestThing);
        return new WithETag(request.ETag, TypedResults.Ok(await request.ViewAsync(c, null)));
    }

    public static async Task<IReadOnlyList<OrderPartsRequest>> OfOrderAsync(DbConnection c, Guid workOrderId) =>
        (await c.QueryAsync<OfOrderRow>(OfOrderSql, new { Id = workOrderId }))
        .Select(r => new OrderPartsRequest(r.Id, Enum.Parse<PartsRequestStatus>(r.Status), r.ExpectedOn)).ToList();

    private sealed class OfOrderRow
    {
        public Guid Id { get; init; }
        public string Status { get; init; } = "";
        public DateOnly? ExpectedOn { get; init; }
    }
}
