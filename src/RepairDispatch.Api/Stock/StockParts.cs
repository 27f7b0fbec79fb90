using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Stock;

/// <summary>The parts named by the lines of a receipt or request: each must exist and be listed once.</summary>
internal static class StockParts
{
    public sealed class Part
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public long CostFen { get; init; }
    }

    private const string PartsSql = "SELECT id, name, cost_fen FROM parts WHERE id IN @Ids";

    /// <summary>The parts by id, or a 400 naming the first unknown or repeated line (`lines[1].partId`).</summary>
    public static async Task<(Dictionary<Guid, Part> Parts, IResult? Problem)> KnownAsync(DbConnection c, DbTransaction tx, IReadOnlyList<Guid> ids)
    {
        var known = (await c.QueryAsync<Part>(PartsSql, new { Ids = Db.IdList(c, ids.Distinct()) }, tx)).ToDictionary(p => p.Id);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!known.ContainsKey(ids[i])) return (known, Problems.Validation($"lines[{i}].partId", Codes.Refusal.NoSuchPart));
            if (ids.ToList().IndexOf(ids[i]) < i) return (known, Problems.Validation($"lines[{i}].partId", Codes.Refusal.PartListedTwice));
        }
        return (known, null);
    }

    public static IResult NotEnough(Part part, long onHand, int qty, string field) => Problems.Conflict("insufficient-stock",
        Codes.Stock.NotEnough.With(part.Name, onHand, qty, field),
        new Dictionary<string, object?> { ["field"] = field, ["partId"] = part.Id, ["inStock"] = onHand });
}
