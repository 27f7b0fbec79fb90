using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Stock;

/// <param name="Inbound">Asked for, approved or on its way to this location (open parts requests).</param>
/// <param name="Qty">The suggested quantity to request.</param>
public sealed record SuggestedLine(Guid PartId, string PartNumber, string PartName, long OnHand, long Inbound, long ReorderPoint, long Qty);

/// <summary>A suggested parts request for the location; post it to /parts-requests with the warehouse as fromLocationId.</summary>
public sealed record ReplenishmentView(Guid LocationId, IReadOnlyList<SuggestedLine> Lines);

/// <summary>Suggested replenishment from reorder points: a part whose on hand plus inbound is at or below its reorder point.</summary>
public static class Replenishment
{
    private const string CandidatesSql = """
        SELECT b.part_id, p.part_number, p.name AS part_name, b.on_hand, b.reorder_point, b.reorder_qty,
               (SELECT COALESCE(SUM(l.qty), 0) FROM parts_request_lines l JOIN parts_requests r ON r.id = l.parts_request_id
                WHERE r.to_location_id = b.location_id AND r.status IN ('Requested','Approved','Shipped') AND l.part_id = b.part_id) AS inbound
        FROM stock_balances b JOIN parts p ON p.id = b.part_id
        WHERE b.location_id = @LocationId AND b.reorder_point IS NOT NULL
        ORDER BY p.part_number
        """;

    /// <summary>How many to ask for: nothing above the reorder point; else the reorder quantity, or enough to reach twice the point (at least 1).</summary>
    public static long Suggest(long onHand, long inbound, long reorderPoint, long? reorderQty)
    {
        var position = onHand + inbound;
        if (position > reorderPoint) return 0;
        return reorderQty ?? Math.Max(2 * reorderPoint - position, 1);
    }

    public static async Task<IResult> Handle(Guid locationId, HttpContext http, Db db)
    {
        await using var c = await db.OpenAsync();
        if (await StockLocation.VisibleAsync(c, null, locationId, http.Me()) is null) return Problems.NotFound(Codes.Stock.LocationThing);
        var rows = await c.QueryAsync<Row>(CandidatesSql, new { LocationId = locationId });
        var lines = rows.Select(r => new SuggestedLine(r.PartId, r.PartNumber, r.PartName, r.OnHand, r.Inbound, r.ReorderPoint,
                Suggest(r.OnHand, r.Inbound, r.ReorderPoint, r.ReorderQty)))
            .Where(l => l.Qty > 0).ToList();
        return TypedResults.Ok(new ReplenishmentView(locationId, lines));
    }

    private sealed class Row
    {
        public Guid PartId { get; init; }
        public string PartNumber { get; init; } = "";
        public string PartName { get; init; } = "";
        public long OnHand { get; init; }
        public long ReorderPoint { get; init; }
        public long? ReorderQty { get; init; }
        public long Inbound { get; init; }
    }
}
