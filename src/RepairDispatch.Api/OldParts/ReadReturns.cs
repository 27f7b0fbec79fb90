using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.OldParts;

/// <summary>Return batches of the caller's store (headquarters: any store), newest first, and one batch with its parts.</summary>
public static class ReadReturns
{
    private const string Filter = """

        WHERE (@StoreId IS NULL OR r.store_id = @StoreId)
          AND (@Status IS NULL OR r.status = @Status)
          AND (@ManufacturerId IS NULL OR r.manufacturer_id = @ManufacturerId)
          AND (@CursorAt IS NULL OR r.created_at < @CursorAt OR (r.created_at = @CursorAt AND r.id < @CursorId))
        ORDER BY r.created_at DESC, r.id DESC
        """;
    private static readonly DialectSql PageSql = Paging.FirstRows(ReturnRow.Select + Filter);

    public static async Task<IResult> List(HttpContext http, Db db, ReturnStatus? status, Guid? manufacturerId, Guid? storeId, int? pageSize, string? cursor)
    {
        if (Cursor.Validate(pageSize, cursor) is { } invalid) return invalid;
        if (ReadOldParts.StoreOf(http.Me(), storeId, out var store) is { } wrongStore) return wrongStore;
        Cursor.TryDecode(cursor, out var cursorAt, out var cursorId);
        var take = pageSize ?? Cursor.DefaultPageSize;
        await using var c = await db.OpenAsync();
        var rows = (await c.QueryAsync<ReturnRow>(db.Sql(PageSql), new
        {
            StoreId = store, Status = status?.ToString(), ManufacturerId = manufacturerId,
            CursorAt = cursor is null ? (DateTimeOffset?)null : cursorAt, CursorId = cursorId, Take = take + 1,
        })).ToList();
        var page = Cursor.Cut(rows, take, r => (r.CreatedAt, r.Id));
        return TypedResults.Ok(new Page<ReturnListItem>([.. page.Items.Select(r => r.Item())], page.NextCursor));
    }

    public static async Task<IResult> Get(Guid id, HttpContext http, Db db, TimeProvider clock)
    {
        await using var c = await db.OpenAsync();
        var batch = await ReturnRow.ByIdAsync(c, null, id);
        if (batch is null || !http.Me().SeesStore(batch.StoreId)) return Problems.NotFound(Codes.OldPart.ReturnThing);
        return new WithETag(batch.ETag, TypedResults.Ok(await batch.ViewAsync(c, null, clock.GetUtcNow())));
    }
}
