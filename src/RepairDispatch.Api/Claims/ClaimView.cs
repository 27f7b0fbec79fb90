using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Claims;

/// <summary>A claim in finance's queue. `blockers` are the texts of `blockerCodes` in the caller's language; `amount` is what the manufacturer is charged.</summary>
public sealed record ClaimView(Guid WorkOrderId, string Number, Guid ManufacturerId, Guid StoreId, ClaimState State,
    IReadOnlyList<string> Blockers, IReadOnlyList<Text> BlockerCodes, DateOnly? ClaimBy, decimal Amount, Guid? RunId, string? ReleaseReason);

/// <summary>A row of `work_order_claims` (its state and run as <see cref="ClaimRuns"/> says) with its order's number and the manufacturer's charges.</summary>
public sealed class ClaimRow
{
    public const string Select = $"""
        SELECT c.work_order_id, wo.number, c.manufacturer_id, c.store_id, {ClaimRuns.State} AS state, c.blocker_codes, c.claim_by, {ClaimRuns.RunId} AS run_id,
               c.release_reason,
               (SELECT COALESCE(SUM(ch.amount_fen), 0) FROM work_order_charges ch WHERE ch.work_order_id = c.work_order_id AND ch.party = 'Manufacturer') AS amount_fen
        FROM work_order_claims c JOIN work_orders wo ON wo.id = c.work_order_id {ClaimRuns.Join}
        """;
    private const string ByIdSql = Select + " WHERE c.work_order_id = @Id";

    public Guid WorkOrderId { get; init; }
    public string Number { get; init; } = "";
    public Guid ManufacturerId { get; init; }
    public Guid StoreId { get; init; }
    public ClaimState State { get; init; }
    public string BlockerCodes { get; init; } = "[]";
    public DateOnly? ClaimBy { get; init; }
    public Guid? RunId { get; init; }
    public string? ReleaseReason { get; init; }
    public long AmountFen { get; init; }

    public static Task<ClaimRow?> LoadAsync(DbConnection c, DbTransaction? tx, Guid workOrderId) =>
        c.QuerySingleOrDefaultAsync<ClaimRow>(ByIdSql, new { Id = workOrderId }, tx);

    public ClaimView View()
    {
        var blockers = ClaimReadiness.Read(BlockerCodes);
        return new(WorkOrderId, Number, ManufacturerId, StoreId, State, [.. blockers.Select(b => b.Render())], blockers, ClaimBy,
            Fen.ToYuan(AmountFen), RunId, ReleaseReason);
    }
}
