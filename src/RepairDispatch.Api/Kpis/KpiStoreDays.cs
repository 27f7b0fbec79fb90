using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.Kpis;

/// <summary>
/// kpi_store_days: one <see cref="KpiTally"/> per store and store-local day, of the fact rows created or completed that
/// day. A drain rebuilds the tally of every store-day whose fact rows it changed (the old row's days and the new one's),
/// in the same transaction, so the tallies always add up to the facts. The chain's and a store's unfiltered questions
/// read these (a year of the chain is 50 stores × 365 rows instead of millions of fact rows); filtered ones read facts.
/// </summary>
public static class KpiStoreDays
{
    /// <summary>Store-days the backfill (V0030, or a database filled by other means) still has to build, per drain round.</summary>
    public const int BackfillPerRound = 500;

    private const string CreatedOfDaySql = $"{KpiFactRows.CreatedColumns} WHERE store_id = @StoreId AND created_day = @Day";
    private const string CompletedOfDaySql = $"{KpiFactRows.CompletedColumns} WHERE store_id = @StoreId AND completed_day = @Day";
    private const string ForgetSql = "DELETE FROM kpi_store_days WHERE store_id = @StoreId AND day = @Day";
    private const string InsertSql = "INSERT INTO kpi_store_days (store_id, day, tally) VALUES (@StoreId, @Day, @Tally)";
    private const string ForgetAllSql = "DELETE FROM kpi_store_days";
    private const string DaysOfOrdersSql = """
        SELECT store_id, created_day AS day FROM kpi_order_facts WHERE work_order_id IN @Ids
        UNION SELECT store_id, completed_day AS day FROM kpi_order_facts WHERE work_order_id IN @Ids AND completed_day IS NOT NULL
        """;
    private static readonly DialectSql BackfillSql = Paging.FirstRows("SELECT store_id, day FROM kpi_store_days_backfill ORDER BY day, store_id");
    private const string BackfilledSql = "DELETE FROM kpi_store_days_backfill WHERE store_id = @StoreId AND day = @Day";
    private const string AnyBackfillSql = "SELECT COUNT(*) FROM kpi_store_days_backfill";
    private const string ChainSql = "SELECT store_id, day, tally FROM kpi_store_days WHERE day >= @From AND day <= @To";
    private const string StoreSql = "SELECT store_id, day, tally FROM kpi_store_days WHERE store_id = @StoreId AND day >= @From AND day <= @To";

    public sealed record StoreDay
    {
        public Guid StoreId { get; init; }
        public DateOnly Day { get; init; }
    }

    /// <summary>The store-days the fact rows of these orders count on now (read before and after the rows change).</summary>
    public static async Task<IEnumerable<StoreDay>> OfOrdersAsync(DbConnection c, DbTransaction tx, IReadOnlyList<Guid> ids) =>
        await c.QueryAsync<StoreDay>(DaysOfOrdersSql, new { Ids = Db.IdList(c, ids) }, tx);

    public static async Task RebuildAsync(DbConnection c, DbTransaction tx, IEnumerable<StoreDay> days)
    {
        foreach (var day in days.Distinct())
        {
            var tally = new KpiTally();
            await KpiFactRows.ReadCreatedAsync(c, tx, CreatedOfDaySql, day, (_, _, _, _) => tally);
            await KpiFactRows.ReadCompletedAsync(c, tx, CompletedOfDaySql, day, (_, _, _, _) => tally);
            await c.ExecuteAsync(ForgetSql, day, tx);
            if (!tally.IsEmpty) await c.ExecuteAsync(InsertSql, new { day.StoreId, day.Day, Tally = tally.ToBytes() }, tx);
        }
    }

    public static Task ForgetAllAsync(DbConnection c, DbTransaction tx) => c.ExecuteAsync(ForgetAllSql, transaction: tx);

    /// <summary>Builds up to <see cref="BackfillPerRound"/> of the store-days waiting in kpi_store_days_backfill; returns how many.</summary>
    public static async Task<int> BackfillAsync(Db db, DbConnection c, DbTransaction tx)
    {
        var days = (await c.QueryAsync<StoreDay>(db.Sql(BackfillSql), new { Take = BackfillPerRound }, tx)).ToList();
        await RebuildAsync(c, tx, days);
        foreach (var day in days) await c.ExecuteAsync(BackfilledSql, day, tx);
        return days.Count;
    }

    public static Task<long> BackfillLeftAsync(DbConnection c) => c.ExecuteScalarAsync<long>(AnyBackfillSql);

    /// <summary>Merges the stored tallies of the period (a store's, or the chain's) into the fold's groups.</summary>
    public static async Task ReadAsync(DbConnection c, KpiFold fold, DateOnly from, DateOnly to, Guid? storeId)
    {
        var keys = new KpiFactRows.Keys();
        await using var r = await c.ExecuteReaderAsync(storeId is null ? ChainSql : StoreSql, new { From = from, To = to, StoreId = storeId });
        while (await r.ReadAsync())
            fold[fold.KeyOf(keys.Day(r.GetValue(1)), keys.Id(r.GetValue(0))!, null, "")].Merge(KpiTally.FromBytes((byte[])r.GetValue(2)));
    }
}
