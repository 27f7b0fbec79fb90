using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Parts;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Settlements;

public sealed record DisputeRequest([property: Required, MinLength(1), MaxLength(1000)] Guid[] Lines, [property: Required, StringLength(1000, MinimumLength = 1)] string Reason);
public sealed record PayRequest([property: Required] DateOnly? PaidOn, [property: Required, StringLength(100, MinimumLength = 1)] string Reference);
public sealed record AdjustmentRequest(Guid? LineId, [property: Range(typeof(decimal), "-1000000", "1000000")] decimal Amount,
    [property: Required, StringLength(400, MinimumLength = 1)] string Description);

/// <summary>
/// Draft → Submitted → Approved | Disputed → Paid. A disputed run is corrected by adjustment lines (never by editing
/// lines) and then approved or resubmitted. Every step is an audited event in the same transaction.
/// </summary>
public static class RunActions
{
    private static readonly Dictionary<(RunStatus, string), RunStatus> Moves = new()
    {
        [(RunStatus.Draft, "submit")] = RunStatus.Submitted,
        [(RunStatus.Disputed, "submit")] = RunStatus.Submitted,
        [(RunStatus.Submitted, "approve")] = RunStatus.Approved,
        [(RunStatus.Disputed, "approve")] = RunStatus.Approved,
        [(RunStatus.Submitted, "dispute")] = RunStatus.Disputed,
        [(RunStatus.Disputed, "dispute")] = RunStatus.Disputed,
        [(RunStatus.Approved, "pay")] = RunStatus.Paid,
    };

    private const string StatusSql = "UPDATE settlement_runs SET status = @To, updated_at = @Now WHERE id = @Id AND status = @From";
    private const string PaidSql = "UPDATE settlement_runs SET paid_on = @PaidOn, paid_reference = @Reference WHERE id = @Id";
    private const string DisputeLinesSql = "UPDATE settlement_lines SET disputed = 1, dispute_reason = @Reason WHERE run_id = @RunId AND id IN @Lines";
    private const string LineInRunSql = "SELECT COUNT(*) FROM settlement_lines WHERE run_id = @RunId AND id = @LineId";
    private const string LinesInRunSql = "SELECT COUNT(*) FROM settlement_lines WHERE run_id = @RunId AND id IN @Lines";
    private const string InsertAdjustmentSql = """
        INSERT INTO settlement_lines (id, run_id, work_order_id, store_id, kind, description, amount_fen, disputed, adjusts_line_id, created_at)
        SELECT @Id, @RunId, (SELECT work_order_id FROM settlement_lines WHERE id = @LineId), (SELECT store_id FROM settlement_lines WHERE id = @LineId), 'Adjustment', @Description, @AmountFen, 0, @LineId, @Now
        """;

    public static Task<IResult> Submit(Guid id, HttpContext http, Db db, TimeProvider clock) => Move(id, "submit", null, http, db, clock);
    public static Task<IResult> Approve(Guid id, HttpContext http, Db db, TimeProvider clock) => Move(id, "approve", null, http, db, clock);

    public static Task<IResult> Dispute(Guid id, DisputeRequest request, HttpContext http, Db db, TimeProvider clock) =>
        Move(id, "dispute", request.Reason, http, db, clock, async (c, tx) =>
        {
            var lines = Db.IdList(c, request.Lines.Distinct());
            if (await c.ExecuteScalarAsync<long>(LinesInRunSql, new { RunId = id, Lines = lines }, tx) != request.Lines.Distinct().Count())
                return Problems.Validation("lines", Codes.Refusal.LinesOfThisRun);
            await c.ExecuteAsync(DisputeLinesSql, new { RunId = id, Lines = lines, Reason = request.Reason.Trim() }, tx);
            return null;
        });

    public static Task<IResult> Pay(Guid id, PayRequest request, HttpContext http, Db db, TimeProvider clock) =>
        Move(id, "pay", request.Reference, http, db, clock, async (c, tx) =>
        {
            await c.ExecuteAsync(PaidSql, new { Id = id, request.PaidOn, Reference = request.Reference.Trim() }, tx);
            return null;
        });

    public static async Task<IResult> Adjust(Guid id, AdjustmentRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        if (!Fen.HasAtMostTwoDecimals(request.Amount) || request.Amount == 0) return Problems.Validation("amount", Codes.Refusal.NonZeroAmount);
        var me = http.Me();
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await RunScope.RefusedWriteAsync(c, tx, id, me) is { } refused) return refused;
            var run = await SettlementRun.LoadAsync(c, tx, id);
            if (run is null) return Problems.NotFound(Codes.Thing.SettlementRun);
            if (run.Status is not (RunStatus.Draft or RunStatus.Disputed))
                return Problems.Conflict("run-locked", Codes.Refusal.RunLocked.With(Codes.Word(run.Status)));
            if (request.LineId is { } lineId && await c.ExecuteScalarAsync<long>(LineInRunSql, new { RunId = id, LineId = lineId }, tx) == 0)
                return Problems.Validation("lineId", Codes.Refusal.NoSuchLine);
            await c.ExecuteAsync(InsertAdjustmentSql, new
            {
                Id = Guid.CreateVersion7(), RunId = id, request.LineId, Description = request.Description.Trim(), AmountFen = Fen.FromYuan(request.Amount), Now = now,
            }, tx);
            await SettlementRun.RecountAsync(c, tx, id, now);
            await SettlementRun.EventAsync(c, tx, id, me, now, "Adjusted", null, null, $"{request.Amount:0.00}: {request.Description.Trim()}");
            return TypedResults.Created($"/api/v1/settlements/runs/{id}/lines", await SettlementRun.ViewAsync(c, tx, id));
        });
    }

    private static async Task<IResult> Move(Guid id, string action, string? reason, HttpContext http, Db db, TimeProvider clock,
        Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task<IResult?>>? step = null)
    {
        var me = http.Me();
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync<IResult>(async (c, tx) =>
        {
            if (await RunScope.RefusedWriteAsync(c, tx, id, me) is { } refused) return refused;
            var run = await SettlementRun.LoadAsync(c, tx, id);
            if (run is null) return Problems.NotFound(Codes.Thing.SettlementRun);
            if (!Moves.TryGetValue((run.Status, action), out var to))
                return Problems.InvalidTransition(run.Status.ToString(), Codes.Refusal.RunCannot.With(Codes.Word(run.Status), Codes.RunAction(action)));
            if (step is not null && await step(c, tx) is { } refusal) return refusal;
            if (await c.ExecuteAsync(StatusSql, new { Id = id, From = run.Status.ToString(), To = to.ToString(), Now = now }, tx) == 0)
                return Problems.Conflict("run-changed", Codes.Refusal.RunChanged);
            await SettlementRun.EventAsync(c, tx, id, me, now, action, run.Status, to, reason);
            return TypedResults.Ok(await SettlementRun.ViewAsync(c, tx, id));
        });
    }
}
