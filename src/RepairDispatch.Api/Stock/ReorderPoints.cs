using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Stock;

/// <param name="ReorderPoint">Ask for more when on hand plus inbound falls to this; null stops suggesting.</param>
/// <param name="ReorderQty">How many to ask for then; else enough to reach twice the reorder point.</param>
public sealed record ReorderPointRequest(
    [property: Required] Guid? LocationId,
    [property: Required] Guid? PartId,
    [property: Range(0, 100_000)] int? ReorderPoint,
    [property: Range(1, 100_000)] int? ReorderQty);

/// <summary>A manager sets a location's reorder point for a part (PUT /stock/reorder-points; the same body again changes nothing).</summary>
public static class ReorderPoints
{
    private const string PartExistsSql = "SELECT COUNT(*) FROM parts WHERE id = @PartId";
    private static readonly DialectSql SetSql = new(
        Sqlite: """
            INSERT INTO stock_balances (location_id, part_id, on_hand, reorder_point, reorder_qty, updated_at)
            VALUES (@LocationId, @PartId, 0, @ReorderPoint, @ReorderQty, @At)
            ON CONFLICT (location_id, part_id) DO UPDATE SET reorder_point = excluded.reorder_point, reorder_qty = excluded.reorder_qty
            """,
        SqlServer: """
            MERGE stock_balances WITH (HOLDLOCK) AS t
            USING (SELECT @LocationId AS location_id, @PartId AS part_id) AS s ON t.location_id = s.location_id AND t.part_id = s.part_id
            WHEN MATCHED THEN UPDATE SET reorder_point = @ReorderPoint, reorder_qty = @ReorderQty
            WHEN NOT MATCHED THEN INSERT (location_id, part_id, on_hand, reorder_point, reorder_qty, updated_at)
                VALUES (s.location_id, s.part_id, 0, @ReorderPoint, @ReorderQty, @At);
            """);

    public static async Task<IResult> Set(ReorderPointRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var me = http.Me();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await StockLocation.VisibleAsync(c, tx, request.LocationId!.Value, me) is not { } location) return Problems.NotFound(Codes.Stock.LocationThing);
            if (await c.ExecuteScalarAsync<long>(PartExistsSql, new { request.PartId }, tx) == 0) return Problems.Validation("partId", Codes.Refusal.NoSuchPart);
            await c.ExecuteAsync(db.Sql(SetSql), new { LocationId = location.Id, request.PartId, request.ReorderPoint, request.ReorderQty, At = clock.GetUtcNow() }, tx);
            return TypedResults.Ok(await ReadStock.ItemAsync(c, tx, location.Id, request.PartId!.Value));
        });
    }
}
