using System.Data.Common;
using System.Globalization;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;

namespace RepairDispatch.Api.Settlements;

/// <summary>
/// Monthly: the runs of the month that just ended for every manufacturer and installer partner with unsettled charges,
/// made together by <see cref="SettleMonth"/> in one transaction. A month has ended when it has ended in every store (each
/// in its own zone): an order completed late on the 31st in Los Angeles belongs to that month, and Shanghai is already in
/// the next one by then. The job runs daily; until the month has ended everywhere it settles the month before (already
/// made, so nothing). A party that already has its run is left out, so the job can run twice, or on two nodes, without
/// doubling anything.
/// </summary>
public sealed class MonthlySettlementJob(Db db, TimeProvider clock, ILogger<MonthlySettlementJob> logger)
{
    private const string ActorSql = "SELECT id FROM users WHERE role = 'admin' ORDER BY created_at";
    private const string ZonesSql = "SELECT DISTINCT time_zone FROM stores";

    public async Task<int> RunAsync()
    {
        var now = clock.GetUtcNow();
        try
        {
            return await db.InTransactionAsync(async (c, tx) =>
            {
                var period = EndedEverywhere(now, await c.QueryAsync<string>(ZonesSql, transaction: tx));
                var actor = new CurrentUser(await c.QueryFirstAsync<Guid>(ActorSql, transaction: tx), "monthly-settlement-job", Roles.Admin, null, null);
                return (await SettleMonth.SettleAsync(c, tx, period, actor, now, logger)).Count;
            });
        }
        catch (DbException e) when (DbErrors.IsConstraintViolation(e))
        {
            logger.LogInformation(e, "Another node settled the month at the same moment; the next run takes what is left");
            return 0;
        }
    }

    /// <summary>The latest month (yyyy-MM) that has ended in every one of these zones at this instant.</summary>
    public static string EndedEverywhere(DateTimeOffset now, IEnumerable<string> zones)
    {
        var earliest = zones.Select(z => StoreClock.Zone(z).DayOf(now)).Min();
        return StoreZone.Month(new DateOnly(earliest.Year, earliest.Month, 1).AddMonths(-1));
    }
}
