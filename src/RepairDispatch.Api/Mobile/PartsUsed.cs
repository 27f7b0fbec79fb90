using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Settlements;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Mobile;

/// <summary>Parts on a job: requested when it waits for parts, used when it is completed (stock taken, prices kept).</summary>
public static class PartsUsed
{
    private sealed class PartRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public long CostFen { get; init; }
        public long RetailPriceFen { get; init; }
    }

    private const string PartsSql = "SELECT id, name, cost_fen, retail_price_fen FROM parts WHERE id IN @Ids";
    private const string TakeStockSql = """
        UPDATE part_stock SET quantity = quantity - @Qty, updated_at = @Now
        WHERE store_id = @StoreId AND part_id = @PartId AND quantity >= @Qty
        """;
    private const string StockSql = "SELECT quantity FROM part_stock WHERE store_id = @StoreId AND part_id = @PartId";
    private const string InsertUsedSql = """
        INSERT INTO work_order_parts (work_order_id, part_id, quantity, unit_cost_fen, unit_retail_fen, created_at)
        VALUES (@WorkOrderId, @PartId, @Qty, @CostFen, @RetailFen, @Now)
        """;
    private const string InsertRequestSql = """
        INSERT INTO work_order_part_requests (id, work_order_id, part_id, quantity, requested_at) VALUES (@Id, @WorkOrderId, @PartId, @Qty, @Now)
        """;

    /// <summary>Takes the parts from the store's stock where stock is kept, and records them with today's prices.</summary>
    public static async Task<IReadOnlyList<PricedPart>> UseAsync(DbConnection c, DbTransaction tx, WorkOrder order,
        IReadOnlyList<PartQuantity> parts, DateTimeOffset now)
    {
        var known = await KnownAsync(c, tx, parts);
        var priced = new List<PricedPart>();
        for (var i = 0; i < parts.Count; i++)
        {
            var (part, qty) = (known[parts[i].PartId!.Value], parts[i].Qty!.Value);
            var args = new { StoreId = order.StoreId, PartId = part.Id, Qty = qty, Now = now };
            if (await c.ExecuteAsync(TakeStockSql, args, tx) == 0 && await c.ExecuteScalarAsync<long?>(StockSql, args, tx) is { } left)
                throw new RefusedException(Problems.Conflict("insufficient-stock",
                    Codes.Refusal.InsufficientStock.With(left, part.Name, qty, $"parts[{i}].qty"),
                    new Dictionary<string, object?> { ["field"] = $"parts[{i}].qty", ["inStock"] = left }));
            await c.ExecuteAsync(InsertUsedSql, new { WorkOrderId = order.Id, PartId = part.Id, Qty = qty, part.CostFen,
                RetailFen = part.RetailPriceFen, Now = now }, tx);
            priced.Add(new PricedPart(part.Id, part.Name, qty, Fen.ToYuan(part.CostFen), Fen.ToYuan(part.RetailPriceFen)));
        }
        return priced;
    }

    public static async Task RequestAsync(DbConnection c, DbTransaction tx, Guid workOrderId, IReadOnlyList<PartQuantity> parts, DateTimeOffset now)
    {
        await KnownAsync(c, tx, parts);
        foreach (var p in parts)
            await c.ExecuteAsync(InsertRequestSql, new { Id = Guid.CreateVersion7(), WorkOrderId = workOrderId, p.PartId, p.Qty, Now = now }, tx);
    }

    /// <summary>The listed parts by id; an unknown or repeated part refuses the request naming its line.</summary>
    private static async Task<Dictionary<Guid, PartRow>> KnownAsync(DbConnection c, DbTransaction tx, IReadOnlyList<PartQuantity> parts)
    {
        var ids = parts.Select(p => p.PartId!.Value).ToList();
        var known = (await c.QueryAsync<PartRow>(PartsSql, new { Ids = Db.IdList(c, ids.Distinct()) }, tx)).ToDictionary(p => p.Id);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!known.ContainsKey(ids[i])) throw new RefusedException(Problems.Validation($"parts[{i}].partId", Codes.Refusal.NoSuchPart));
            if (ids.IndexOf(ids[i]) < i) throw new RefusedException(Problems.Validation($"parts[{i}].partId", Codes.Refusal.PartListedTwice));
        }
        return known;
    }
}
