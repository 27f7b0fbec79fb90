using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Settlements;
using RepairDispatch.Api.Stock;
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
    private const string InsertUsedSql = """
        INSERT INTO work_order_parts (work_order_id, part_id, quantity, unit_cost_fen, unit_retail_fen, created_at)
        VALUES (@WorkOrderId, @PartId, @Qty, @CostFen, @RetailFen, @Now)
        """;
    private const string InsertRequestSql = """
        INSERT INTO work_order_part_requests (id, work_order_id, part_id, quantity, requested_at) VALUES (@Id, @WorkOrderId, @PartId, @Qty, @Now)
        """;

    /// <summary>
    /// Takes the parts from the technician's van first, then his store (IssueToJob movements), and records them with
    /// today's prices; a part neither holds enough of refuses the whole completion, naming it.
    /// </summary>
    public static async Task<IReadOnlyList<PricedPart>> UseAsync(DbConnection c, DbTransaction tx, WorkOrder order,
        IReadOnlyList<PartQuantity> parts, Guid actorUserId, DateTimeOffset now)
    {
        var known = await KnownAsync(c, tx, parts);
        var priced = new List<PricedPart>();
        for (var i = 0; i < parts.Count; i++)
        {
            var (part, qty) = (known[parts[i].PartId!.Value], parts[i].Qty!.Value);
            await StockIssue.TakeAsync(c, tx, new StockIssue.Need(part.Id, part.Name, qty, part.CostFen, $"parts[{i}].qty"),
                order.TechnicianId, order.StoreId, order.Id, actorUserId, now);
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
