using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Dispatch;

/// <summary>A store's plans for one day, newest first (the applied one, if any, is the day's routes).</summary>
public static class ListDayPlans
{
    private const string IdsSql = "SELECT id FROM dispatch_plans WHERE store_id = @StoreId AND day = @Day ORDER BY created_at DESC";
    private const int MostRecent = 10;

    public static async Task<IResult> Handle(Guid? storeId, DateOnly? date, HttpContext http, Db db)
    {
        var me = http.Me();
        if (storeId is null) return Problems.Validation("storeId", Codes.Refusal.Required);
        if (date is null) return Problems.Validation("date", Codes.Refusal.RequiredDate);
        if (!me.SeesStore(storeId.Value)) return Problems.Validation("storeId", Codes.Refusal.OwnStoreOnly);
        await using var c = await db.OpenAsync();
        var ids = (await c.QueryAsync<Guid>(IdsSql, new { StoreId = storeId, Day = date })).Take(MostRecent).ToList();
        var plans = new List<DayPlanView>();
        foreach (var id in ids)
            if (await DayPlanStore.LoadAsync(c, null, id) is { } plan) plans.Add(await DayPlanStore.ViewAsync(c, null, plan));
        return TypedResults.Ok(new Page<DayPlanView>(plans, null));
    }
}
