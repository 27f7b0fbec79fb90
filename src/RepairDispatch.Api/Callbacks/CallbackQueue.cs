using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Callbacks;

/// <summary>The front desk's calling list: open callbacks of the store due on a day or earlier (overdue first).</summary>
public static class CallbackQueue
{
    private const string QueueSql = CallbackRow.Select + """

        WHERE cb.store_id = @StoreId AND cb.status IN ('Scheduled','NoAnswer') AND cb.due_on <= @Day
        ORDER BY cb.due_on, cb.created_at, cb.id
        """;

    /// <param name="due">`today` (the store's day) or a date, yyyy-MM-dd.</param>
    /// <param name="storeId">Required for users without a store of their own.</param>
    public static async Task<IResult> List(HttpContext http, Db db, TimeProvider clock, string? due, Guid? storeId)
    {
        var me = http.Me();
        if (me.StoreId is { } own)
        {
            if (storeId is not null && storeId != own) return Problems.Validation("storeId", Codes.Refusal.OwnStoreOnly);
            storeId = own;
        }
        if (storeId is null) return Problems.Validation("storeId", Codes.Refusal.StoreRequiredForHeadquarters);
        await using var c = await db.OpenAsync();
        if (await StoreClock.FindStoreAsync(c, null, storeId.Value) is not { } zone) return Problems.NotFound(Codes.Thing.Store);
        DateOnly day;
        if (due is null or "today") day = zone.DayOf(clock.GetUtcNow());
        else if (!DateOnly.TryParseExact(due, "yyyy-MM-dd", out day)) return Problems.Validation("due", Codes.Refusal.DueTodayOrDate);
        var rows = await c.QueryAsync<CallbackRow>(QueueSql, new { StoreId = storeId, Day = day });
        return TypedResults.Ok(new Page<CallbackView>(rows.Select(r => r.View()).ToList(), null));
    }
}
