using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Settlements;

public enum RunStatus { Draft, Submitted, Approved, Disputed, Paid }

/// <param name="Total">The run's total; for a store-bound caller (or with a storeId) that store's subtotal.</param>
/// <param name="Stores">Per-store subtotals, stores by code; the chain's own lines (storeId null) last. They add up to the total.</param>
public sealed record SettlementRunView(Guid Id, Guid? ManufacturerId, Guid? InstallerPartnerId, string Period, RunStatus Status,
    decimal Total, long LineCount, DateOnly? PaidOn, string? PaidReference, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<StoreSubtotalView> Stores);

/// <summary>One store's part of a run; storeId null = lines of the chain as a whole (adjustments that name no line).</summary>
public sealed record StoreSubtotalView(Guid? StoreId, string? StoreCode, string? StoreName, long LineCount, decimal Total);

/// <summary>A settlement run as stored, its audit events, and the recount of its totals from its lines.</summary>
public sealed class SettlementRun
{
    public Guid Id { get; init; }
    public Guid? ManufacturerId { get; init; }
    public Guid? InstallerPartnerId { get; init; }
    public string Period { get; init; } = "";
    public RunStatus Status { get; init; }
    public long TotalFen { get; init; }
    public long LineCount { get; init; }
    public DateOnly? PaidOn { get; init; }
    public string? PaidReference { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public const string Columns = "id, manufacturer_id, installer_partner_id, period, status, total_fen, line_count, paid_on, paid_reference, created_at, updated_at";
    private const string LoadSql = "SELECT " + Columns + " FROM settlement_runs WHERE id = @Id";
    private const string RecountSql = """
        UPDATE settlement_runs SET
            total_fen = (SELECT COALESCE(SUM(amount_fen), 0) FROM settlement_lines WHERE run_id = @Id),
            line_count = (SELECT COUNT(*) FROM settlement_lines WHERE run_id = @Id),
            updated_at = @Now
        WHERE id = @Id
        """;
    private const string EventSql = """
        INSERT INTO settlement_events (id, run_id, at, actor_user_id, actor, kind, from_status, to_status, reason)
        VALUES (@Id, @RunId, @At, @ActorUserId, @Actor, @Kind, @FromStatus, @ToStatus, @Reason)
        """;

    private const string SubtotalsSql = """
        SELECT l.run_id, l.store_id, s.code AS store_code, s.name AS store_name, COUNT(*) AS line_count, SUM(l.amount_fen) AS total_fen
        FROM settlement_lines l LEFT JOIN stores s ON s.id = l.store_id
        WHERE l.run_id IN @Ids AND (@StoreId IS NULL OR l.store_id = @StoreId)
        GROUP BY l.run_id, l.store_id, s.code, s.name
        """;

    /// <summary>
    /// The runs as a caller sees them: with no store, whole, with every store's subtotal; with a store (a store-bound
    /// caller's own, or one headquarters asked for), only that store's part, and a run without a line of it is left out.
    /// </summary>
    public static async Task<IReadOnlyList<SettlementRunView>> ViewsAsync(DbConnection c, DbTransaction? tx, IReadOnlyList<SettlementRun> runs, Guid? store)
    {
        if (runs.Count == 0) return [];
        var subtotals = (await c.QueryAsync<Subtotal>(SubtotalsSql, new { Ids = Infrastructure.Db.IdList(c, runs.Select(r => r.Id)), StoreId = store }, tx))
            .ToLookup(s => s.RunId);
        var views = new List<SettlementRunView>(runs.Count);
        foreach (var run in runs)
        {
            var parts = subtotals[run.Id].OrderBy(s => s.StoreId is null).ThenBy(s => s.StoreCode, StringComparer.OrdinalIgnoreCase)
                .Select(s => new StoreSubtotalView(s.StoreId, s.StoreCode, s.StoreName, s.LineCount, Parts.Fen.ToYuan(s.TotalFen))).ToList();
            if (store is not null && parts.Count == 0) continue;
            var (totalFen, lineCount) = store is null ? (run.TotalFen, run.LineCount) : (subtotals[run.Id].Sum(s => s.TotalFen), subtotals[run.Id].Sum(s => s.LineCount));
            views.Add(new(run.Id, run.ManufacturerId, run.InstallerPartnerId, run.Period, run.Status, Parts.Fen.ToYuan(totalFen), lineCount,
                run.PaidOn, run.PaidReference, run.CreatedAt, run.UpdatedAt, parts));
        }
        return views;
    }

    /// <summary>One run as <see cref="ViewsAsync"/> sees it; null when there is no such run or none of it is the store's.</summary>
    public static async Task<SettlementRunView?> ViewAsync(DbConnection c, DbTransaction? tx, Guid id, Guid? store = null) =>
        await LoadAsync(c, tx, id) is { } run ? (await ViewsAsync(c, tx, [run], store)).SingleOrDefault() : null;

    private sealed class Subtotal
    {
        public Guid RunId { get; init; }
        public Guid? StoreId { get; init; }
        public string? StoreCode { get; init; }
        public string? StoreName { get; init; }
        public long LineCount { get; init; }
        public long TotalFen { get; init; }
    }

    public static Task<SettlementRun?> LoadAsync(DbConnection c, DbTransaction? tx, Guid id) =>
        c.QuerySingleOrDefaultAsync<SettlementRun>(LoadSql, new { Id = id }, tx);

    public static Task RecountAsync(DbConnection c, DbTransaction tx, Guid id, DateTimeOffset now) =>
        c.ExecuteAsync(RecountSql, new { Id = id, Now = now }, tx);

    public static Task EventAsync(DbConnection c, DbTransaction tx, Guid runId, CurrentUser actor, DateTimeOffset at, string kind,
        RunStatus? from, RunStatus? to, string? reason) =>
        c.ExecuteAsync(EventSql, new
        {
            Id = Guid.CreateVersion7(), RunId = runId, At = at, ActorUserId = actor.Id, Actor = actor.Username, Kind = kind,
            FromStatus = from?.ToString(), ToStatus = to?.ToString(), Reason = reason,
        }, tx);
}
