using Dapper;
using RepairDispatch.Tests.Infrastructure;

namespace RepairDispatch.Tests.Statements;

/// <summary>A work order's claim in a settlement run: its number and the sum of its lines there.</summary>
public sealed class RunClaim
{
    public string Number { get; init; } = "";
    public Guid WorkOrderId { get; init; }
    public long AmountFen { get; init; }
}

public static class RunClaims
{
    /// <summary>The run's claims, one per work order, by number.</summary>
    public static async Task<List<RunClaim>> OfAsync(ApiFactory api, string run)
    {
        await using var c = await api.Db.OpenAsync();
        return [.. await c.QueryAsync<RunClaim>("""
            SELECT wo.number, wo.id AS work_order_id, SUM(sl.amount_fen) AS amount_fen
            FROM settlement_lines sl JOIN work_orders wo ON wo.id = sl.work_order_id
            WHERE sl.run_id = @Run GROUP BY wo.number, wo.id ORDER BY wo.number
            """, new { Run = run })];
    }
}
