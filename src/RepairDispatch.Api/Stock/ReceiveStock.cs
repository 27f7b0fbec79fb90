using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Stock;

/// <param name="UnitCost">What one piece cost on this delivery (yuan); else the part's catalogue cost is recorded.</param>
public sealed record ReceiptLine([property: Required] Guid? PartId, [property: Required, Range(1, 100_000)] int? Qty,
    [property: Range(0, 1_000_000)] decimal? UnitCost);

/// <param name="Reference">The delivery note's number; the same reference at the same location is the same receipt.</param>
public sealed record ReceiptRequest(
    [property: Required] Guid? LocationId,
    [property: Required, StringLength(100, MinimumLength = 1)] string Reference,
    [property: Required, MinLength(1), MaxLength(200)] List<ReceiptLine> Lines);

public sealed record ReceiptView(Guid Id, Guid LocationId, string Reference, Guid ActorUserId, DateTimeOffset At, IReadOnlyList<ReceiptLineView> Lines);
public sealed record ReceiptLineView(Guid PartId, long Qty, decimal? UnitCost);

/// <summary>A delivery arrives at a store or the warehouse: one Receipt movement per line. A repeated reference answers the first receipt (200) and moves nothing.</summary>
public static class ReceiveStock
{
    private const string FindSql = "SELECT id, location_id, reference, actor_user_id, at FROM stock_receipts WHERE location_id = @LocationId AND reference = @Reference";
    private const string InsertSql = "INSERT INTO stock_receipts (id, location_id, reference, actor_user_id, at) VALUES (@Id, @LocationId, @Reference, @ActorUserId, @At)";
    private const string LinesSql = """
        SELECT part_id, qty, unit_cost_fen FROM stock_movements
        WHERE location_id = @LocationId AND reference = @Reference AND kind = 'Receipt' ORDER BY part_id
        """;

    public static async Task<IResult> Handle(ReceiptRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        for (var i = 0; i < request.Lines.Count; i++)
            if (request.Lines[i].UnitCost is { } cost && !Fen.HasAtMostTwoDecimals(cost))
                return Problems.Validation($"lines[{i}].unitCost", Codes.Refusal.AtMost2Decimals);
        var me = http.Me();
        var now = clock.GetUtcNow();
        var reference = request.Reference.Trim();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await StockLocation.VisibleAsync(c, tx, request.LocationId!.Value, me) is not { } location) return Problems.NotFound(Codes.Stock.LocationThing);
            var key = new { LocationId = location.Id, Reference = reference };
            if (await c.QuerySingleOrDefaultAsync<Row>(FindSql, key, tx) is { } earlier) return TypedResults.Ok(await ViewAsync(c, tx, earlier));
            var (parts, problem) = await StockParts.KnownAsync(c, tx, request.Lines.Select(l => l.PartId!.Value).ToList());
            if (problem is not null) return problem;
            var receipt = new Row { Id = Guid.CreateVersion7(), LocationId = location.Id, Reference = reference, ActorUserId = me.Id, At = now };
            await c.ExecuteAsync(InsertSql, receipt, tx);
            foreach (var line in request.Lines)
            {
                var part = parts[line.PartId!.Value];
                await StockLedger.TryMoveAsync(c, tx, new Movement(location.Id, part.Id, MovementKind.Receipt, line.Qty!.Value, me.Id, now,
                    line.UnitCost is { } cost ? Fen.FromYuan(cost) : part.CostFen, Reference: reference));
            }
            return TypedResults.Created((string?)null, await ViewAsync(c, tx, receipt));
        });
    }

    private static async Task<ReceiptView> ViewAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, Row r)
    {
        var lines = await c.QueryAsync<LineRow>(LinesSql, new { r.LocationId, r.Reference }, tx);
        return new ReceiptView(r.Id, r.LocationId, r.Reference, r.ActorUserId, r.At,
            lines.Select(l => new ReceiptLineView(l.PartId, l.Qty, l.UnitCostFen is { } fen ? Fen.ToYuan(fen) : null)).ToList());
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid LocationId { get; init; }
        public string Reference { get; init; } = "";
        public Guid ActorUserId { get; init; }
        public DateTimeOffset At { get; init; }
    }

    private sealed class LineRow
    {
        public Guid PartId { get; init; }
        public long Qty { get; init; }
        public long? UnitCostFen { get; init; }
    }
}
