using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Settlements;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Statements;

public sealed record StatementAccepted(Guid StatementId, DateTimeOffset AcceptedAt, string AcceptedBy, int Settled, decimal Approved, int Adjustments,
    decimal AdjustmentTotal, int LeftOpen, int UnknownToUs, int AlreadyAnswered);

/// <summary>
/// POST /settlements/statements/{id}/accept, once. The reconciliation as computed now is written in one transaction:
/// a settlement row per claim it answered (Matched, AmountDiffers, Rejected: approved fen and outcome), and for every cut
/// (the delta) and rejection (our amount reversed) an adjustment line in the claim's own run, pointing at the claim's
/// line there. Missing claims stay open for a later statement; lines unknown to us touch nothing. A claim an earlier
/// accepted statement answered already (and that was not resubmitted since) is skipped: it is answered once.
/// </summary>
public static class AcceptStatement
{
    // Claimed first: the row lock (SQL Server) or the write lock (SQLite) makes a second accept wait and then find it taken.
    private const string ClaimSql = """
        UPDATE statements SET accepted_at = @Now, accepted_by_user_id = @UserId WHERE id = @Id AND accepted_at IS NULL
        """;
    private const string AcceptedSql = """
        SELECT s.accepted_at, u.username AS accepted_by FROM statements s LEFT JOIN users u ON u.id = s.accepted_by_user_id WHERE s.id = @Id
        """;
    private const string SettleSql = """
        INSERT INTO claim_settlements (work_order_id, statement_id, row_number, outcome, claimed_fen, approved_fen, reason, reason_code, settled_at)
        VALUES (@WorkOrderId, @StatementId, @Row, @Outcome, @ClaimedFen, @ApprovedFen, @Reason, @ReasonCode, @Now)
        """;
    private const string AdjustSql = """
        INSERT INTO settlement_lines (id, run_id, work_order_id, store_id, kind, description, description_code, description_args, amount_fen, disputed,
                                      adjusts_line_id, statement_id, created_at)
        SELECT @Id, @RunId, @WorkOrderId, (SELECT store_id FROM work_orders WHERE id = @WorkOrderId), 'Adjustment', @Description, @DescriptionCode, @DescriptionArgs,
               @AmountFen, 0, @LineId, @StatementId, @Now
        """;

    private sealed class AcceptedRow
    {
        public DateTimeOffset? AcceptedAt { get; init; }
        public string? AcceptedBy { get; init; }
    }

    public static async Task<IResult> Handle(Guid id, HttpContext http, Db db, TimeProvider clock)
    {
        var me = http.Me();
        // Acceptance writes adjustment lines into the chain's runs, which only headquarters writes (docs/settlement.md).
        if (me.StoreId is not null) return Problems.Forbidden(Codes.ChainSettlement.HeadquartersOnly);
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await c.ExecuteAsync(ClaimSql, new { Id = id, Now = now, UserId = me.Id }, tx) == 0)
            {
                var first = await c.QuerySingleOrDefaultAsync<AcceptedRow>(AcceptedSql, new { Id = id }, tx);
                if (first?.AcceptedAt is not { } at) return Problems.NotFound(Codes.Statement.Thing);
                return Problems.Conflict("statement-already-accepted", Codes.Acceptance.AlreadyAccepted.With(at, first.AcceptedBy),
                    new Dictionary<string, object?> { ["acceptedAt"] = at, ["acceptedBy"] = first.AcceptedBy });
            }
            var rec = (await ReconcileStatement.LoadAsync(c, tx, id, withAnchors: true, accepting: true))!;
            int settled = 0, adjustments = 0, skipped = 0;
            long approved = 0, adjusted = 0;
            var runs = new HashSet<Guid>();
            foreach (var item in rec.Result.Items)
            {
                if (item.Outcome is not (Outcome.Matched or Outcome.AmountDiffers or Outcome.Rejected) || item.WorkOrderId is not { } wo) continue;
                if (rec.AnsweredElsewhere.Contains(wo)) { skipped++; continue; }
                var approvedFen = item.Outcome == Outcome.Rejected ? 0 : item.TheirFen ?? 0;
                await c.ExecuteAsync(SettleSql, new
                {
                    WorkOrderId = wo, StatementId = id, item.Row, Outcome = item.Outcome.ToString(), ClaimedFen = item.OurFen ?? 0, ApprovedFen = approvedFen,
                    item.Reason, ReasonCode = item.ReasonCode?.ToString(), Now = now,
                }, tx);
                settled++;
                approved += approvedFen;
                if (item.DeltaFen == 0) continue;
                var anchor = rec.Anchors[wo];
                var text = (item.Outcome == Outcome.Rejected ? Codes.Acceptance.Rejected : Codes.Acceptance.Cut).With(rec.Period, item.Reason ?? "");
                await c.ExecuteAsync(AdjustSql, new
                {
                    Id = Guid.CreateVersion7(), anchor.RunId, WorkOrderId = wo, Description = "", DescriptionCode = text.Code,
                    DescriptionArgs = text.StoredArgs(), AmountFen = item.DeltaFen, anchor.LineId, StatementId = id, Now = now,
                }, tx);
                adjustments++;
                adjusted += item.DeltaFen;
                runs.Add(anchor.RunId);
            }
            foreach (var run in runs)
            {
                await SettlementRun.RecountAsync(c, tx, run, now);
                await SettlementRun.EventAsync(c, tx, run, me, now, "StatementAccepted", null, null, id.ToString());
            }
            var totals = rec.Result.Totals;
            return TypedResults.Ok(new StatementAccepted(id, now, me.Username, settled, approved / 100m, adjustments, adjusted / 100m,
                totals[Outcome.MissingOnTheirSide].Count, totals[Outcome.UnknownToUs].Count, skipped));
        });
    }
}
