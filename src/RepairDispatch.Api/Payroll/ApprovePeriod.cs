using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Payroll;

/// <summary>
/// A manager approves a calculated month (of his store; headquarters: of the store it names, or of every store):
/// it is frozen from then on. A month never calculated cannot be approved; an approved one is not approved twice.
/// If-Match, when sent, names the version of the month the approver was shown (its ETag): 412 if it has changed since
/// (recalculated with other figures, another store's state), so nobody approves figures he has not seen.
/// </summary>
public static class ApprovePeriod
{
    private const string ApproveSql = """
        UPDATE payroll_periods SET status = 'Approved', approved_at = @Now, approved_by_user_id = @UserId
        WHERE store_id = @StoreId AND period = @Period AND status = 'Calculated'
        """;
    private const string StoreCodeSql = "SELECT code FROM stores WHERE id = @Id";

    public static async Task<IResult> Handle(string period, Guid? storeId, HttpContext http, Db db, TimeProvider clock, Stores.StoreClock stores)
    {
        var me = http.Me();
        var ifMatch = WorkOrders.ETags.IfMatch(http.Request);
        if (PayPeriod.CheckPeriod(period, stores.HeadquartersToday) is { } bad) return bad;
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var (scope, refused) = await PayPeriod.StoresAsync(c, tx, me, storeId);
            if (refused is not null) return refused;
            if (ifMatch is { } expected && await PayPeriod.ViewAsync(c, tx, period, scope) is var seen && PayPeriod.Version(seen) != expected)
                return Problems.PreconditionFailed(PayPeriod.ETag(seen));
            var statuses = new List<(Guid Store, PayPeriodStatus Status)>();
            foreach (var s in scope) statuses.Add((s, await PayPeriod.StatusAsync(c, tx, s, period)));
            if (statuses.Where(s => s.Status == PayPeriodStatus.Open).Select(s => s.Store).FirstOrDefault() is var open && open != Guid.Empty)
                return Problems.Conflict("payroll-not-calculated",
                    Codes.Payroll.NotCalculated.With(period, await c.ExecuteScalarAsync<string>(StoreCodeSql, new { Id = open }, tx)));
            if (statuses.All(s => s.Status == PayPeriodStatus.Approved))
                return Problems.Conflict("payroll-frozen", Codes.Payroll.Frozen.With(period));
            foreach (var (s, _) in statuses)
                await c.ExecuteAsync(ApproveSql, new { StoreId = s, Period = period, Now = clock.GetUtcNow(), UserId = me.Id }, tx);
            return PayPeriod.Answer(await PayPeriod.ViewAsync(c, tx, period, scope));
        });
    }
}
