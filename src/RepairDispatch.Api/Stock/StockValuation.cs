using System.Data;
using System.Data.Common;
using Dapper;

namespace RepairDispatch.Api.Stock;

/// <param name="ValueFen">On hand × the part's catalogue cost (parts.cost_fen), integer fen.</param>
public sealed record StoreStockValue(Guid StoreId, long Units, long ValueFen);

/// <summary>
/// The value of the stock a store holds, for the headquarters report: its own location plus its technicians' vans, at
/// each part's catalogue cost (the chain buys centrally at one cost; receipt costs stay on the ledger rows).
/// </summary>
public static class StockValuation
{
    private const string ByStoreSql = """
        SELECT COALESCE(t.store_id, b.location_id) AS store_id, SUM(b.on_hand) AS units, SUM(b.on_hand * p.cost_fen) AS value_fen
        FROM stock_balances b
        JOIN parts p ON p.id = b.part_id
        LEFT JOIN technicians t ON t.id = b.location_id
        WHERE b.on_hand > 0 AND (@StoreId IS NULL OR COALESCE(t.store_id, b.location_id) = @StoreId)
        GROUP BY COALESCE(t.store_id, b.location_id)
        ORDER BY COALESCE(t.store_id, b.location_id)
        """;

    /// <summary>Per store (one store when <paramref name="storeId"/> is given); a store holding nothing has no row.</summary>
    public static async Task<IReadOnlyList<StoreStockValue>> ByStoreAsync(DbConnection c, IDbTransaction? tx, Guid? storeId) =>
        (await c.QueryAsync<Row>(ByStoreSql, new { StoreId = storeId }, tx)).Select(r => new StoreStockValue(r.StoreId, r.Units, r.ValueFen)).ToList();

    private sealed class Row
    {
        public Guid StoreId { get; init; }
        public long Units { get; init; }
        public long ValueFen { get; init; }
    }
}
