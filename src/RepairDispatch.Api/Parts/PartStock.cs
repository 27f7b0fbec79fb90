using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Parts;

public sealed record SetStockRequest([property: Required, Range(0, 1_000_000)] int? Quantity);

public sealed record StockLevel(Guid StoreId, Guid PartId, long Quantity, DateTimeOffset UpdatedAt);

/// <summary>
/// A store's stock of a part, counted only where the store keeps it (a row exists): completing a job takes the parts
/// used from it, and refuses to take more than there is. Set after a stock count or a delivery.
/// </summary>
public static class PartStock
{
    private const string ExistsSql = "SELECT (SELECT COUNT(*) FROM parts WHERE id = @PartId) + (SELECT COUNT(*) FROM stores WHERE id = @StoreId)";
    private const string UpdateSql = "UPDATE part_stock SET quantity = @Quantity, updated_at = @Now WHERE store_id = @StoreId AND part_id = @PartId";
    private const string InsertSql = "INSERT INTO part_stock (store_id, part_id, quantity, updated_at) VALUES (@StoreId, @PartId, @Quantity, @Now)";
    private const string ListSql = """
        SELECT store_id, part_id, quantity, updated_at FROM part_stock WHERE part_id = @PartId AND (@StoreId IS NULL OR store_id = @StoreId)
        ORDER BY store_id
        """;

    public static async Task<IResult> Set(Guid id, Guid storeId, SetStockRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        if (!http.Me().SeesStore(storeId)) return Problems.NotFound(Codes.Thing.Store);
        var args = new { PartId = id, StoreId = storeId, request.Quantity, Now = clock.GetUtcNow() };
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>(ExistsSql, args, tx) < 2) return Problems.NotFound(Codes.Thing.PartOrStore);
            if (await c.ExecuteAsync(UpdateSql, args, tx) == 0) await c.ExecuteAsync(InsertSql, args, tx);
            return TypedResults.Ok(new StockLevel(storeId, id, request.Quantity!.Value, args.Now));
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
