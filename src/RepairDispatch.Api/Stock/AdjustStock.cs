using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Stock;

/// <param name="Reason">Why the count changed: "count" after a stock count, "damaged", "lost", …</param>
public sealed record StockAdjustmentRequest(
    [property: Required] Guid? LocationId,
    [property: Required] Guid? PartId,
    [property: Required, Range(-100_000, 100_000)] int? QtyDelta,
    [property: Required, StringLength(200)] string Reason);

/// <summary>A manager corrects a location's stock by a signed quantity with a reason: an Adjustment movement, never below zero.</summary>
public static class AdjustStock
{
    private const string PartSql = "SELECT id, name, cost_fen FROM parts WHERE id = @Id";

    public static async Task<IResult> Handle(StockAdjustmentRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        if (request.QtyDelta == 0) return Problems.Validation("qtyDelta", Codes.Stock.QtyDeltaZero);
        if (string.IsNullOrWhiteSpace(request.Reason)) return Problems.Validation("reason", Codes.Stock.ReasonRequired);
        var me = http.Me();
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await StockLocation.VisibleAsync(c, tx, request.LocationId!.Value, me) is not { } location) return Problems.NotFound(Codes.Stock.LocationThing);
            if (await c.QuerySingleOrDefaultAsync<StockParts.Part>(PartSql, new { Id = request.PartId }, tx) is not { } part)
                return Problems.Validation("partId", Codes.Refusal.NoSuchPart);
            var delta = request.QtyDelta!.Value;
            if (!await StockLedger.TryMoveAsync(c, tx, new Movement(location.Id, part.Id, MovementKind.Adjustment, delta, me.Id, now,
                    part.CostFen, Reason: request.Reason.Trim())))
                return StockParts.NotEnough(part, await StockLedger.OnHandAsync(c, tx, location.Id, part.Id), -delta, "qtyDelta");
            return TypedResults.Ok(await ReadStock.ItemAsync(c, tx, location.Id, part.Id));
        });
    }
}
