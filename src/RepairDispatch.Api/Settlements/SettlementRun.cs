using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;

namespace RepairDispatch.Api.Settlements;

public enum RunStatus { Draft, Submitted, Approved, Disputed, Paid }

public sealed record SettlementRunView(Guid Id, Guid? ManufacturerId, Guid? InstallerPartnerId, string Period, RunStatus Status,
    decimal Total, long LineCount, DateOnly? PaidOn, string? PaidReference, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

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

    public SettlementRunView ToView() => new(Id, ManufacturerId, InstallerPartnerId, Period, Status, Parts.Fen.ToYuan(TotalFen), LineCount,
        PaidOn, PaidReference, CreatedAt, UpdatedAt);

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
