using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Claims;

/// <summary>Finance's work queue: claims by deadline, the nearest first, those without one last; a store's staff see their store.</summary>
public static class ListClaims
{
    // A claim without a deadline sorts as if due on the last day there is.
    private static readonly DateOnly NoDeadline = DateOnly.MaxValue;

    private static readonly DialectSql PageSql = Paging.FirstRows(ClaimRow.Select + $"""

        WHERE (@StoreId IS NULL OR c.store_id = @StoreId)
          AND (@ManufacturerId IS NULL OR c.manufacturer_id = @ManufacturerId)
          AND (@State IS NULL OR {ClaimRuns.State} = @State)
          AND (@AfterDay IS NULL OR COALESCE(c.claim_by, @NoDeadline) > @AfterDay
               OR (COALESCE(c.claim_by, @NoDeadline) = @AfterDay AND c.work_order_id > @AfterId))
        ORDER BY COALESCE(c.claim_by, @NoDeadline), c.work_order_id
        """);

    public static async Task<IResult> Handle(HttpContext http, Db db, Guid? manufacturerId, ClaimState? state, Guid? storeId, int? pageSize, string? cursor)
    {
        if (Cursor.Validate(pageSize, cursor) is { } invalid) return invalid;
        var me = http.Me();
        if (me.StoreId is { } own)
        {
            if (storeId is not null && storeId != own) return Problems.Validation("storeId", Codes.Refusal.OwnStoreOnly);
            storeId = own;
        }
        Cursor.TryDecode(cursor, out var afterAt, out var afterId);
        var take = pageSize ?? Cursor.DefaultPageSize;
        await using var c = await db.OpenAsync();
        var rows = (await c.QueryAsync<ClaimRow>(db.Sql(PageSql), new
        {
            StoreId = storeId, ManufacturerId = manufacturerId, State = state?.ToString(), NoDeadline,
            AfterDay = cursor is null ? (DateOnly?)null : DateOnly.FromDateTime(afterAt.UtcDateTime), AfterId = afterId, Take = take + 1,
        })).ToList();
        var page = Cursor.Cut(rows, take, r => (new DateTimeOffset((r.ClaimBy ?? NoDeadline).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), r.WorkOrderId));
        return TypedResults.Ok(new Page<ClaimView>([.. page.Items.Select(r => r.View())], page.NextCursor));
    }
}
