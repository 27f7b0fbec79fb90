using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Parts;

public sealed record SetStockRequest([property: Required, Range(0, 1_000_000)] int? Quantity);

public sealed record StockLevel(Guid StoreId, Guid PartId, long Quantity, DateTimeOffset UpdatedAt);

/// <summary>
/// A store's stock of a part, the older per-store view of the stock ledger (Stock/): setting a counted quantity
/// records an Adjustment of the difference with the reason "count"; the list shows the stores' balances.
/// </summary>
public static class PartStock
{
    public const string CountReason = "count";
    private const string PartSql = "SELECT cost_fen FROM parts WHERE id = @PartId";
    private const string ListSql = """
        SELECT b.location_id AS store_id, b.part_id, b.on_hand AS quantity, b.updated_at
        FROM stock_balances b JOIN stores s ON s.id = b.location_id
        WHERE b.part_id = @PartId AND (@StoreId IS NULL OR b.location_id = @StoreId)
        ORDER BY b.location_id
        """;

    public static async Task<IResult> Set(Guid id, Guid storeId, SetStockRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var me = http.Me();
        if (!me.SeesStore(storeId)) return Problems.NotFound(Codes.Thing.Store);
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var cost = await c.ExecuteScalarAsync<long?>(PartSql, new { PartId = id }, tx);
            if (cost is null || await Stock.StockLocation.FindAsync(c, tx, storeId) is not { IsVan: false }) return Problems.NotFound(Codes.Thing.PartOrStore);
            var delta = request.Quantity!.Value - (int)await Stock.StockLedger.OnHandAsync(c, tx, storeId, id);
            await Stock.StockLedger.TryMoveAsync(c, tx, new Stock.Movement(storeId, id, Stock.MovementKind.Adjustment, delta, me.Id, now,
                cost, Reason: CountReason));
            return TypedResults.Ok(new StockLevel(storeId, id, request.Quantity!.Value, now));
        });
    }

    public static async Task<IResult> List(Guid id, HttpContext http, Db db)
    {
        await using var c = await db.OpenAsync();
        var rows = await c.QueryAsync<Row>(ListSql, new { PartId = id, http.Me().StoreId });
        return TypedResults.Ok(new Page<StockLevel>(rows.Select(r => new StockLevel(r.StoreId, r.PartId, r.Quantity, r.UpdatedAt)).ToList(), null));
    }

    private sealed class Row
    {
        public Guid StoreId { get; init; }
        public Guid PartId { get; init; }
        public long Quantity { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }
}
