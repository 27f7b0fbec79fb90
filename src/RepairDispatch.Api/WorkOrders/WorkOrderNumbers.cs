using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.WorkOrders;

/// <summary>
/// WO-yyyyMMdd-NNNN, counted per store per day (the store's local day), from a counter row that is
/// incremented inside the creating transaction, so concurrent creates never share a number.
/// </summary>
public static class WorkOrderNumbers
{
    private static readonly DialectSql NextSql = new(
        Sqlite: """
            INSERT INTO work_order_counters (store_id, day, last_number) VALUES (@StoreId, @Day, 1)
            ON CONFLICT (store_id, day) DO UPDATE SET last_number = last_number + 1
            RETURNING last_number
            """,
        SqlServer: """
            MERGE work_order_counters WITH (HOLDLOCK) AS t
            USING (SELECT @StoreId AS store_id, @Day AS day) AS s ON t.store_id = s.store_id AND t.day = s.day
            WHEN MATCHED THEN UPDATE SET last_number = t.last_number + 1
            WHEN NOT MATCHED THEN INSERT (store_id, day, last_number) VALUES (s.store_id, s.day, 1)
            OUTPUT inserted.last_number;
            """);

    public static async Task<string> NextAsync(Db db, DbConnection c, DbTransaction tx, Guid storeId, DateOnly localDay)
    {
        var day = localDay.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var n = await c.ExecuteScalarAsync<long>(db.Sql(NextSql), new { StoreId = storeId, Day = day }, tx);
        return $"WO-{day}-{n:0000}";
    }
}
