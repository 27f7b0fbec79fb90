using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Statements;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Claims;

public sealed record ResubmitClaimRequest([property: Required, StringLength(1000, MinimumLength = 1)] string Note);

/// <summary>
/// POST /claims/{workOrderId}/resubmit: a claim the latest accepted statement rejected for a reason that can be
/// corrected goes back into the queue (NotReady or Ready by its blockers, released from its submission deadline: it was
/// submitted in time once). The next run of its manufacturer takes it once and copies its lines (new ids, each
/// pointing at the line it resubmits; see CreateRun). A claim ever approved, a second resubmission of the same
/// rejection, or a reason that cannot be corrected → 409.
/// </summary>
public static class ResubmitClaim
{
    /// <summary>Corrected evidence, serial, purchase date, repair level or a late old part can change the answer; a late or duplicate claim or an unrecognised reason cannot.</summary>
    public static readonly IReadOnlySet<RejectionReason> Fixable = new HashSet<RejectionReason>
    {
        RejectionReason.MissingEvidence, RejectionReason.InvalidSerial, RejectionReason.PurchaseDateMismatch, RejectionReason.WrongRepairLevel,
        RejectionReason.PartNotReturned,
    };

    private const string SettlementsSql = """
        SELECT statement_id, outcome, reason, reason_code, settled_at FROM claim_settlements WHERE work_order_id = @Id
        """;
    private const string ResubmittedSql = "SELECT COUNT(*) FROM claim_resubmissions WHERE work_order_id = @Id AND statement_id = @StatementId";
    private const string InsertSql = """
        INSERT INTO claim_resubmissions (id, work_order_id, statement_id, note, by_user_id, created_at, run_id)
        VALUES (@ResubmissionId, @Id, @StatementId, @Note, @UserId, @Now, NULL)
        """;
    private const string ReopenSql = """
        UPDATE work_order_claims SET state = 'NotReady', run_id = NULL, released_by_user_id = @UserId, released_at = @Now, release_reason = @Note,
               updated_at = @Now, version = version + 1
        WHERE work_order_id = @Id AND state = 'Claimed'
        """;

    private sealed class SettlementRow
    {
        public Guid StatementId { get; init; }
        public string Outcome { get; init; } = "";
        public string? Reason { get; init; }
        public string? ReasonCode { get; init; }
        public DateTimeOffset SettledAt { get; init; }
    }

    public static async Task<IResult> Handle(Guid workOrderId, ResubmitClaimRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var note = request.Note.Trim();
        if (note.Length == 0) return Problems.Validation("note", Codes.Acceptance.NoteRequired);
        var me = http.Me();
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            var claim = await ClaimRow.LoadAsync(c, tx, workOrderId);
            if (claim is null || !me.SeesStore(claim.StoreId)) return Problems.NotFound(Codes.ClaimRefusal.Claim);
            var settlements = (await c.QueryAsync<SettlementRow>(SettlementsSql, new { Id = workOrderId }, tx)).ToList();
            if (settlements.FirstOrDefault(s => s.Outcome != nameof(Outcome.Rejected)) is { } paid)
                return Problems.Conflict("claim-already-paid", Codes.Acceptance.AlreadyPaid.With(paid.StatementId),
                    new Dictionary<string, object?> { ["statementId"] = paid.StatementId });
            if (settlements.MaxBy(s => s.SettledAt) is not { } rejected)
                return Problems.Conflict("claim-not-rejected", Codes.Acceptance.NotRejected);
            var args = new { Id = workOrderId, rejected.StatementId };
            if (await c.ExecuteScalarAsync<long>(ResubmittedSql, args, tx) > 0)
                return Problems.Conflict("claim-resubmission-pending", Codes.Acceptance.Pending.With(rejected.StatementId),
                    new Dictionary<string, object?> { ["statementId"] = rejected.StatementId });
            if (!Enum.TryParse<RejectionReason>(rejected.ReasonCode, out var reason) || !Fixable.Contains(reason))
                return Problems.Conflict("claim-not-fixable", Codes.Acceptance.NotFixable.With(
                    Enum.TryParse<RejectionReason>(rejected.ReasonCode, out var r) ? Codes.Rejection.Of(r) : (object?)(rejected.Reason ?? "")),
                    new Dictionary<string, object?> { ["reasonCode"] = rejected.ReasonCode });
            await c.ExecuteAsync(InsertSql, new { ResubmissionId = Guid.CreateVersion7(), Id = workOrderId, rejected.StatementId, Note = note, UserId = me.Id, Now = now }, tx);
            await WriteRaces.BeforeVersionedWriteAsync(c, tx, "work_order_claims", workOrderId);
            await ClaimRuns.FoldAsync(c, tx, [workOrderId], now);
            if (await c.ExecuteAsync(ReopenSql, new { Id = workOrderId, Note = note, UserId = me.Id, Now = now }, tx) != 1)
                throw new ConcurrencyConflictException("work_order_claims", workOrderId);
            await ClaimReadiness.RefreshAsync(c, tx, workOrderId, now);
            return TypedResults.Ok((await ClaimRow.LoadAsync(c, tx, workOrderId))!.View());
        });
    }
}
