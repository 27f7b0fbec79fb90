using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.OldParts;

public sealed record MobileOldPart(Guid Id, string Tag, Guid WorkOrderId, string WorkOrderNumber, string PartNumber, string PartName,
    int Quantity, bool ReturnRequired, DateOnly? DueOn, bool Overdue);

public sealed record MobileOldParts(IReadOnlyList<MobileOldPart> Items);

/// <summary>
/// The desk's and office's lists of old parts (their store; headquarters any store), one part with its history, and the
/// technician's own parts not yet handed in.
/// </summary>
public static class ReadOldParts
{
    private const string Filter = """

        WHERE (@StoreId IS NULL OR op.store_id = @StoreId)
          AND (@Status IS NULL OR op.status = @Status)
          AND (@ManufacturerId IS NULL OR op.manufacturer_id = @ManufacturerId)
          AND (@WorkOrderId IS NULL OR op.work_order_id = @WorkOrderId)
          AND (@Overdue IS NULL
               OR (@Overdue = 1 AND op.due_on < @Today AND op.status IN ('WithTechnician','InStore'))
               OR (@Overdue = 0 AND NOT (op.due_on IS NOT NULL AND op.due_on < @Today AND op.status IN ('WithTechnician','InStore'))))
          AND (@CursorAt IS NULL OR op.created_at < @CursorAt OR (op.created_at = @CursorAt AND op.id < @CursorId))
        ORDER BY op.created_at DESC, op.id DESC
        """;
    private static readonly DialectSql PageSql = Paging.FirstRows(OldPartRow.Select + Filter, "OPTION (RECOMPILE)");
    private const string MineSql = OldPartRow.Select + " WHERE op.technician_id = @TechnicianId AND op.status = 'WithTechnician' ORDER BY op.due_on, op.created_at";

    /// <param name="overdue">Past the due day and not yet shipped, received or written off; needs a store (a headquarters user names one).</param>
    public static async Task<IResult> List(HttpContext http, Db db, TimeProvider clock, OldPartStatus? status, Guid? manufacturerId, bool? overdue,
        Guid? storeId, Guid? workOrderId, int? pageSize, string? cursor)
    {
        if (Cursor.Validate(pageSize, cursor) is { } invalid) return invalid;
        if (StoreOf(http.Me(), storeId, out var store) is { } wrongStore) return wrongStore;
        if (overdue is not null && store is null) return Problems.Validation("storeId", Codes.Refusal.StoreRequiredForHeadquarters);
        await using var c = await db.OpenAsync();
        var now = clock.GetUtcNow();
        DateOnly? today = null;
        if (store is { } s)
        {
            if (await StoreClock.FindStoreAsync(c, null, s) is not { } zone) return Problems.NotFound(Codes.Thing.Store);
            today = zone.DayOf(now);
        }
        Cursor.TryDecode(cursor, out var cursorAt, out var cursorId);
        var take = pageSize ?? Cursor.DefaultPageSize;
        var rows = (await c.QueryAsync<OldPartRow>(db.Sql(PageSql), new
        {
            StoreId = store, Status = status?.ToString(), ManufacturerId = manufacturerId, WorkOrderId = workOrderId, Overdue = overdue, Today = today,
            CursorAt = cursor is null ? (DateTimeOffset?)null : cursorAt, CursorId = cursorId, Take = take + 1,
        })).ToList();
        var page = Cursor.Cut(rows, take, r => (r.CreatedAt, r.Id));
        var days = await TodaysAsync(c, page.Items.Select(r => r.StoreId), now);
        return TypedResults.Ok(new Page<OldPartView>([.. page.Items.Select(r => r.View(days[r.StoreId]))], page.NextCursor));
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, Db db, TimeProvider clock)
    {
        await using var c = await db.OpenAsync();
        var part = await OldPartRow.ByIdAsync(c, null, id);
        if (part is null || !http.Me().SeesStore(part.StoreId)) return Problems.NotFound(Codes.OldPart.Thing);
        return new WithETag(part.ETag, TypedResults.Ok(await OldPartHistory.DetailAsync(c, null, part, clock.GetUtcNow())));
    }

    /// <summary>The technician's parts still to hand in at the desk, soonest due first.</summary>
    public static async Task<IResult> Mine(HttpContext http, Db db, TimeProvider clock)
    {
        await using var c = await db.OpenAsync();
        var rows = (await c.QueryAsync<OldPartRow>(MineSql, new { http.Me().TechnicianId })).ToList();
        var days = await TodaysAsync(c, rows.Select(r => r.StoreId), clock.GetUtcNow());
        return TypedResults.Ok(new MobileOldParts([.. rows.Select(r => new MobileOldPart(r.Id, r.Tag, r.WorkOrderId, r.WorkOrderNumber, r.PartNumber,
            r.PartName, r.Quantity, r.ReturnRequired, r.DueOn, r.IsOverdue(days[r.StoreId])))]));
    }

    /// <summary>The caller's store, or the one a headquarters user names; null for headquarters naming none.</summary>
    internal static IResult? StoreOf(CurrentUser me, Guid? storeId, out Guid? store)
    {
        store = storeId;
        if (me.StoreId is not { } own) return null;
        if (storeId is not null && storeId != own) return Problems.Validation("storeId", Codes.Refusal.OwnStoreOnly);
        store = own;
        return null;
    }

    /// <summary>Today in each store's zone, for the stores of the rows at hand.</summary>
    internal static async Task<Dictionary<Guid, DateOnly>> TodaysAsync(DbConnection c, IEnumerable<Guid> stores, DateTimeOffset now)
    {
        var days = new Dictionary<Guid, DateOnly>();
        foreach (var store in stores.Distinct()) days[store] = (await StoreClock.OfStoreAsync(c, null, store)).DayOf(now);
        return days;
    }
}
