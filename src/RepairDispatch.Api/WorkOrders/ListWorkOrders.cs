using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.WorkOrders;

public static class ListWorkOrders
{
    // The usual lists name a store, and often a status: a plain equality lets the database walk
    // ix_work_orders_store_status / ix_work_orders_store (V0019) in list order and stop after a page. Behind the
    // catch-all "(@X IS NULL OR x = @X)" SQLite plans one way for every call and scans every order (bench/chain.sh).
    private const string AnyStore = """
        FROM work_orders
        WHERE (@StoreId IS NULL OR store_id = @StoreId)
          AND (@Status IS NULL OR status = @Status)
        """;
    private const string OneStore = """
        FROM work_orders
        WHERE store_id = @StoreId
          AND (@Status IS NULL OR status = @Status)
        """;
    private const string OneStoreOneStatus = """
        FROM work_orders
        WHERE store_id = @StoreId
          AND status = @Status
        """;
    private const string Filter = """
          AND (@TechnicianId IS NULL OR technician_id = @TechnicianId)
          AND (@CustomerId IS NULL OR customer_id = @CustomerId)
          AND (@From IS NULL OR created_at >= @From)
          AND (@To IS NULL OR created_at < @To)
          AND (@Pattern IS NULL OR number LIKE @Pattern OR fault_description LIKE @Pattern)
          AND (@SlaBreached IS NULL
               OR (@SlaBreached = 1 AND EXISTS (SELECT 1 FROM sla_breaches b WHERE b.work_order_id = work_orders.id))
               OR (@SlaBreached = 0 AND NOT EXISTS (SELECT 1 FROM sla_breaches b WHERE b.work_order_id = work_orders.id)))
          AND (@CursorAt IS NULL OR created_at < @CursorAt OR (created_at = @CursorAt AND id < @CursorId))
        ORDER BY created_at DESC, id DESC
        """;
    private static readonly DialectSql PageSql = Paging.FirstRows("SELECT " + WorkOrder.Columns + " " + AnyStore + Filter);
    private static readonly DialectSql StorePageSql = Paging.FirstRows("SELECT " + WorkOrder.Columns + " " + OneStore + Filter);
    private static readonly DialectSql StoreStatusPageSql = Paging.FirstRows("SELECT " + WorkOrder.Columns + " " + OneStoreOneStatus + Filter);

    public static async Task<IResult> Handle(HttpContext http, Db db, TimeProvider clock,
        WorkOrderStatus? status, Guid? technicianId, Guid? customerId, Guid? storeId, DateTimeOffset? from, DateTimeOffset? to,
        string? q, bool? slaBreached, int? pageSize, string? cursor)
    {
        if (Cursor.Validate(pageSize, cursor) is { } invalid) return invalid;
        if (q is { Length: > 100 }) return Problems.Validation("q", Codes.Refusal.AtMost100Chars);
        var me = http.Me();
        if (me.IsTechnician) technicianId = me.TechnicianId; // a technician lists only their own jobs
        if (me.StoreId is { } own)
        {
            if (storeId is not null && storeId != own) return Problems.Validation("storeId", Codes.Refusal.OwnStoreOnly);
            storeId = own;
        }
        Cursor.TryDecode(cursor, out var cursorAt, out var cursorId);
        var take = pageSize ?? Cursor.DefaultPageSize;
        await using var c = await db.OpenAsync();
        var sql = storeId is null ? PageSql : status is null ? StorePageSql : StoreStatusPageSql;
        var rows = (await c.QueryAsync<WorkOrder>(db.Sql(sql), new
        {
            StoreId = storeId, Status = status?.ToString(), TechnicianId = technicianId, CustomerId = customerId,
            From = from?.ToUniversalTime(), To = to?.ToUniversalTime(),
            Pattern = string.IsNullOrWhiteSpace(q) ? null : "%" + q.Trim() + "%",
            SlaBreached = slaBreached,
            CursorAt = cursor is null ? (DateTimeOffset?)null : cursorAt, CursorId = cursorId, Take = take + 1,
        })).ToList();
        var now = clock.GetUtcNow();
        var page = Cursor.Cut(rows, take, o => (o.CreatedAt, o.Id));
        return TypedResults.Ok(new Page<WorkOrderResponse>(page.Items.Select(o => WorkOrderResponse.From(o, now)).ToList(), page.NextCursor));
    }
}
