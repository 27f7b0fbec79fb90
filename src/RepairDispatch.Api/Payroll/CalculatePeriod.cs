using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Payroll;

/// <summary>
/// Calculates a month's pay lines for each store of the request whose month is not approved, replacing the lines of an
/// earlier calculation (so calculating again gives the same lines). An approved month is frozen (409); what has changed
/// since in the approved months just before this one (a rule version starting inside them, a helper added, a late
/// event) is paid here as Adjustment lines: their recomputation minus what was paid for them (docs/payroll.md).
/// </summary>
public static class CalculatePeriod
{
    // How far back approved months are recomputed for adjustments: a run of approved months ends at the first open one.
    private const int MonthsBack = 24;

    private const string OursSql = "SELECT id FROM technicians WHERE store_id = @StoreId";
    private const string ZoneSql = "SELECT time_zone FROM stores WHERE id = @StoreId";
    private const string PaidForSql = """
        SELECT l.technician_id, l.work_order_id, l.code, l.text_code, l.text_args, l.amount_fen, l.adjusts_period, l.source_id, l.adjusts_code
        FROM payroll_lines l
        WHERE l.store_id = @StoreId AND ((l.period = @Period AND l.adjusts_period IS NULL) OR (l.adjusts_period = @Period AND l.period <> @Current))
        """;
    private const string DeleteLinesSql = "DELETE FROM payroll_lines WHERE store_id = @StoreId AND period = @Period";
    private const string UpsertPeriodSql = """
        UPDATE payroll_periods SET calculated_at = @Now, calculated_by_user_id = @UserId WHERE store_id = @StoreId AND period = @Period
        """;
    private const string InsertPeriodSql = """
        INSERT INTO payroll_periods (store_id, period, status, calculated_at, calculated_by_user_id) VALUES (@StoreId, @Period, 'Calculated', @Now, @UserId)
        """;
    private const string InsertLineSql = """
        INSERT INTO payroll_lines (id, store_id, period, technician_id, work_order_id, code, source_id, text_code, text_args, amount_fen, adjusts_period, adjusts_code)
        VALUES (@Id, @StoreId, @Period, @TechnicianId, @WorkOrderId, @Code, @SourceId, @TextCode, @TextArgs, @AmountFen, @AdjustsPeriod, @AdjustsCode)
        """;

    public static async Task<IResult> Handle(string period, Guid? storeId, HttpContext http, Db db, StoreClock clock)
    {
        var me = http.Me();
        if (PayPeriod.CheckPeriod(period, clock.HeadquartersToday) is { } bad) return bad;
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var (stores, refused) = await PayPeriod.StoresAsync(c, tx, me, storeId);
            if (refused is not null) return refused;
            var open = new List<Guid>();
            foreach (var s in stores)
                if (await PayPeriod.StatusAsync(c, tx, s, period) != PayPeriodStatus.Approved) open.Add(s);
            if (open.Count == 0) return Problems.Conflict("payroll-frozen", Codes.Payroll.Frozen.With(period));
            var rules = await ReadPayRules.RuleSetAsync(c, tx);
            foreach (var s in open) await CalculateStoreAsync(c, tx, s, period, rules, clock, me);
            return PayPeriod.Answer(await PayPeriod.ViewAsync(c, tx, period, stores));
        });
    }

    private static async Task CalculateStoreAsync(DbConnection c, DbTransaction tx, Guid store, string period, PayRuleSet rules, StoreClock clock, CurrentUser me)
    {
        var zone = StoreClock.Zone((await c.ExecuteScalarAsync<string>(ZoneSql, new { StoreId = store }, tx))!);
        var today = clock.Today(zone);
        var ours = (await c.QueryAsync<Guid>(OursSql, new { StoreId = store }, tx)).ToHashSet();
        async Task<List<PayLine>> Expected(string month) => PayCalculator.Lines(await PayFacts.LoadAsync(c, tx, store, month, zone, today), rules, ours);

        var lines = await Expected(period);
        var earlier = PayPeriod.Previous(period);
        for (var i = 0; i < MonthsBack && await PayPeriod.StatusAsync(c, tx, store, earlier) == PayPeriodStatus.Approved; i++, earlier = PayPeriod.Previous(earlier))
        {
            var paid = (await c.QueryAsync<PayPeriod.LineRow>(PaidForSql, new { StoreId = store, Period = earlier, Current = period }, tx)).Select(r => r.Line);
            lines.AddRange(PayCalculator.Adjustments(earlier, await Expected(earlier), paid));
        }

        var args = new { StoreId = store, Period = period, Now = clock.Now, UserId = me.Id };
        await c.ExecuteAsync(DeleteLinesSql, args, tx);
        if (await c.ExecuteAsync(UpsertPeriodSql, args, tx) == 0) await c.ExecuteAsync(InsertPeriodSql, args, tx);
        foreach (var l in lines)
            await c.ExecuteAsync(InsertLineSql, new
            {
                Id = Guid.CreateVersion7(), StoreId = store, Period = period, l.TechnicianId, l.WorkOrderId, l.Code, l.SourceId,
                TextCode = l.Text.Code, TextArgs = l.Text.StoredArgs(), l.AmountFen, l.AdjustsPeriod, l.AdjustsCode,
            }, tx);
    }
}
