using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using RepairDispatch.Api.Infrastructure;

namespace RepairDispatch.Api.Stock;

public enum MovementKind { Opening, Receipt, TransferOut, TransferIn, IssueToJob, ReturnFromJob, Adjustment }

/// <summary>One row of the ledger. <paramref name="Qty"/> is signed: positive into the location, negative out of it.</summary>
public sealed record Movement(Guid LocationId, Guid PartId, MovementKind Kind, int Qty, Guid? ActorUserId, DateTimeOffset At,
    long? UnitCostFen = null, string? Reason = null, string? Reference = null, Guid? PartsRequestId = null, Guid? WorkOrderId = null);

/// <summary>
/// The only writer of stock: appends a movement and moves the location's balance row by the same quantity in the
/// caller's transaction, so the balance is always the ledger's sum (docs/stock.md). Taking out is a checked update
/// that refuses to go below zero, which also makes concurrent takers of the same part queue on the row.
/// </summary>
public static class StockLedger
{
    private const string TakeSql = """
        UPDATE stock_balances SET on_hand = on_hand + @Qty, updated_at = @At
        WHERE location_id = @LocationId AND part_id = @PartId AND on_hand + @Qty >= 0
        """;
    private static readonly DialectSql PutSql = new(
        Sqlite: """
            INSERT INTO stock_balances (location_id, part_id, on_hand, updated_at) VALUES (@LocationId, @PartId, @Qty, @At)
            ON CONFLICT (location_id, part_id) DO UPDATE SET on_hand = on_hand + excluded.on_hand, updated_at = excluded.updated_at
            """,
        SqlServer: """
            MERGE stock_balances WITH (HOLDLOCK) AS t
            USING (SELECT @LocationId AS location_id, @PartId AS part_id) AS s ON t.location_id = s.location_id AND t.part_id = s.part_id
            WHEN MATCHED THEN UPDATE SET on_hand = t.on_hand + @Qty, updated_at = @At
            WHEN NOT MATCHED THEN INSERT (location_id, part_id, on_hand, updated_at) VALUES (s.location_id, s.part_id, @Qty, @At);
            """);
    private const string InsertSql = """
        INSERT INTO stock_movements (id, location_id, part_id, kind, qty, unit_cost_fen, reason, reference, parts_request_id, work_order_id, actor_user_id, at)
        VALUES (@Id, @LocationId, @PartId, @Kind, @Qty, @UnitCostFen, @Reason, @Reference, @PartsRequestId, @WorkOrderId, @ActorUserId, @At)
        """;
    private const string OnHandSql = "SELECT on_hand FROM stock_balances WHERE location_id = @LocationId AND part_id = @PartId";

    /// <summary>Records the movement; false (and nothing written) when it would take more than the location holds.</summary>
    public static async Task<bool> TryMoveAsync(DbConnection c, DbTransaction tx, Movement m)
    {
        if (m.Qty == 0) return true;
        var args = new
        {
            Id = Guid.CreateVersion7(), m.LocationId, m.PartId, Kind = m.Kind.ToString(), m.Qty, m.UnitCostFen, m.Reason, m.Reference,
            m.PartsRequestId, m.WorkOrderId, m.ActorUserId, m.At,
        };
        if (m.Qty < 0)
        {
            if (await c.ExecuteAsync(TakeSql, args, tx) == 0) return false;
        }
        else
            await c.ExecuteAsync(c is SqliteConnection ? PutSql.Sqlite : PutSql.SqlServer, args, tx);
        await c.ExecuteAsync(InsertSql, args, tx);
        return true;
    }

    public static async Task<long> OnHandAsync(DbConnection c, DbTransaction? tx, Guid locationId, Guid partId) =>
        await c.ExecuteScalarAsync<long?>(OnHandSql, new { LocationId = locationId, PartId = partId }, tx) ?? 0;
}
