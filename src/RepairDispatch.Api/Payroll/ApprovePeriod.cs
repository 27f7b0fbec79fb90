using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Payroll;

/// <summary>
/// A manager approves a calculated month (of his store; headquarters: of the store it names, or of every store):
/// it is frozen from then on. A month never calculated cannot be approved; an approved one is not approved twice.
/// </summary>
public static class ApprovePeriod
{
    private const string ApproveSql = """
        UPDATE payroll_periods SET status = 'Approved', approved_at = @Now, approved_by_user_id = @UserId
        WHERE store_id = @StoreId AND period = @Period AND status = 'Calculated'
        """;

    public static async Task<IResult> Handle(string period, Guid? storeId, HttpContext http, Db db, TimeProvider clock, Stores.StoreClock stores)
    {
        var me = http.Me();
        if (PayPeriod.CheckPeriod(period, stores.HeadquartersToday) is { } bad) return bad;
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var (scope, refused) = await PayPeriod.StoresAsync(c, tx, me, storeId);
            if (refused is not null) return refused;
            var statuses = new List<(Guid Store, PayPeriodStatus Status)>();
            foreach (var s in scope) statuses.Add((s, await PayPeriod.StatusAsync(c, tx, s, period)));
            if (statuses.Where(s => s.Status == PayPeriodStatus.Open).Select(s => s.Store).FirstOrDefault() is var open && open != Guid.Empty)
                return Problems.Conflict("payroll-not-calculated", Codes.Payroll.NotCalculated.With(period, open.ToString()));
            if (statuses.All(s => s.Status == PayPeriodStatus.Approved))
                return Problems.Conflict("payroll-frozen", Codes.Payroll.Frozen.With(period));
            foreach (var (s, _) in statuses)
                await c.ExecuteAsync(ApproveSql, new { StoreId = s, Period = period, Now = clock.GetUtcNow(), UserId = me.Id }, tx);
            return TypedResults.Ok(await PayPeriod.ViewAsync(c, tx, period, scope));
        });
    }
}
