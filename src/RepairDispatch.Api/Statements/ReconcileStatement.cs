using System.Data.Common;
using System.Globalization;
using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Statements;

public sealed record AmountTotal(int Count, decimal Ours, decimal Theirs);

public sealed record ReconciliationTotals(decimal Ours, decimal Theirs, AmountTotal Matched, AmountTotal AmountDiffers, AmountTotal Rejected,
    AmountTotal Duplicate, AmountTotal UnknownToUs, AmountTotal MissingOnTheirSide);

/// <summary>our claimed = their approved for our claims + their cuts + rejected + missing on their side; `unexplained` is the rest (0 when it holds).</summary>
public sealed record IdentityView(decimal OurClaimed, decimal TheirApprovedForOurClaims, decimal TheirCuts, decimal Rejected, decimal MissingOnTheirSide,
    decimal Unexplained, bool Holds);

public sealed record ReconciliationItemView(Outcome Outcome, int? Row, Guid? WorkOrderId, string? WorkOrderNumber, string? TheirRef,
    decimal? OurAmount, decimal? TheirAmount, decimal Delta, string? Reason, Text? ReasonCode);

/// <summary><paramref name="Status"/>: Imported, or Accepted (once, see AcceptStatement) with when and by whom.</summary>
public sealed record ReconciliationView(Guid StatementId, Guid ManufacturerId, string Period, string Status, DateTimeOffset? AcceptedAt, string? AcceptedBy,
    ReconciliationTotals Totals, IdentityView Identity, IReadOnlyList<ReconciliationItemView> Items, string? NextCursor);

/// <summary>
/// A statement reconciled now; <paramref name="Anchors"/> (when asked for) is, per claim, the line of its latest run that an
/// answer adjusts; <paramref name="AnsweredElsewhere"/> the claims another accepted statement answered (not resubmitted since).
/// </summary>
public sealed record Reconciled(Guid Id, Guid ManufacturerId, string Period, DateTimeOffset? AcceptedAt, string? AcceptedBy, ReconciliationResult Result,
    IReadOnlyDictionary<Guid, ClaimAnchor> Anchors, IReadOnlySet<Guid> AnsweredElsewhere);

public sealed record ClaimAnchor(Guid LineId, Guid RunId, string Period);

/// <summary>
/// GET /settlements/statements/{id}/reconciliation, computed on read (nothing stored until a reconciliation is accepted).
/// Our claims: the manufacturer's settlement lines (adjustments included) per work order, in its runs sent to it
/// (Submitted, Disputed, Approved, Paid; a Draft was never sent) of the statement's period or before. Claims of the
/// statement's period are expected in it (absent → MissingOnTheirSide); earlier ones count only when it names them.
/// Items in file order, then the missing claims; `outcome` filters, `pageSize`/`cursor` page; totals are of all items.
/// </summary>
public static class ReconcileStatement
{
    private const string StatementSql = """
        SELECT s.id, s.manufacturer_id, s.period, s.accepted_at, u.username AS accepted_by
        FROM statements s LEFT JOIN users u ON u.id = s.accepted_by_user_id WHERE s.id = @Id
        """;
    private const string LinesSql = """
        SELECT row_number AS row, work_order_number, manufacturer_order_number, serial_number, completed_on, claimed_fen, approved_fen,
               deduction_fen, deduction_reason, status
        FROM statement_lines WHERE statement_id = @Id ORDER BY row_number
        """;
    private const string ClaimsSql = """
        SELECT sl.id, sl.run_id, sl.work_order_id, wo.number, wo.external_number, a.serial_number, wo.completed_at, wo.store_id, r.period, sl.amount_fen
        FROM settlement_lines sl
        JOIN settlement_runs r ON r.id = sl.run_id
        JOIN work_orders wo ON wo.id = sl.work_order_id
        JOIN appliances a ON a.id = wo.appliance_id
        WHERE r.manufacturer_id = @ManufacturerId AND r.status <> 'Draft' AND r.period <= @Period AND sl.statement_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM settlement_lines n JOIN settlement_runs nr ON nr.id = n.run_id
                          WHERE n.resubmits_line_id = sl.id AND nr.status <> 'Draft' AND nr.period <= @Period)
        """;
    private const string ZonesSql = "SELECT id, time_zone FROM stores";
    // Settlements by the manufacturer's other statements accepted before this one was (all of them while it is not):
    // an accepted statement keeps reconciling as it did when it was accepted.
    private const string AnsweredSql = """
        SELECT cs.work_order_id, cs.settled_at,
               (SELECT COUNT(*) FROM claim_resubmissions r WHERE r.work_order_id = cs.work_order_id AND r.statement_id = cs.statement_id
                  AND (@Before IS NULL OR r.created_at < @Before)) AS resubmitted
        FROM claim_settlements cs JOIN statements s ON s.id = cs.statement_id
        WHERE s.manufacturer_id = @ManufacturerId AND cs.statement_id <> @Id AND (@Before IS NULL OR cs.settled_at < @Before)
        """;

    private sealed class StatementRow
    {
        public Guid Id { get; init; }
        public Guid ManufacturerId { get; init; }
        public string Period { get; init; } = "";
        public DateTimeOffset? AcceptedAt { get; init; }
        public string? AcceptedBy { get; init; }
    }

    private sealed class LineRow
    {
        public int Row { get; init; }
        public string? WorkOrderNumber { get; init; }
        public string? ManufacturerOrderNumber { get; init; }
        public string? SerialNumber { get; init; }
        public DateOnly? CompletedOn { get; init; }
        public long? ClaimedFen { get; init; }
        public long ApprovedFen { get; init; }
        public long? DeductionFen { get; init; }
        public string? DeductionReason { get; init; }
        public string Status { get; init; } = "";
    }

    private sealed class ClaimRow
    {
        public Guid Id { get; init; }
        public Guid RunId { get; init; }
        public Guid WorkOrderId { get; init; }
        public string Number { get; init; } = "";
        public string? ExternalNumber { get; init; }
        public string? SerialNumber { get; init; }
        public DateTimeOffset? CompletedAt { get; init; }
        public Guid StoreId { get; init; }
        public string Period { get; init; } = "";
        public long AmountFen { get; init; }
    }

    private sealed class AnsweredRow
    {
        public Guid WorkOrderId { get; init; }
        public DateTimeOffset SettledAt { get; init; }
        public long Resubmitted { get; init; }
    }

    private sealed class ZoneRow
    {
        public Guid Id { get; init; }
        public string TimeZone { get; init; } = "";
    }

    public static async Task<IResult> Handle(Guid id, Db db, Outcome? outcome, int? pageSize, string? cursor)
    {
        if (pageSize is < 1 or > Cursor.MaxPageSize) return Problems.Validation("pageSize", Codes.Refusal.PageSizeRange.With(Cursor.MaxPageSize));
        var skip = 0;
        if (cursor is not null && (!int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out skip)))
            return Problems.Validation("cursor", Codes.Refusal.NotOurCursor);
        var found = await db.InReadTransactionAsync((c, tx) => LoadAsync(c, tx, id, withAnchors: false));
        if (found is null) return Problems.NotFound(Codes.Statement.Thing);
        var r = found.Result;
        var size = pageSize ?? Cursor.DefaultPageSize;
        var filtered = outcome is { } o ? r.Items.Where(i => i.Outcome == o) : r.Items;
        var page = filtered.Skip(skip).Take(size + 1).ToList();
        var next = page.Count > size ? (skip + size).ToString(CultureInfo.InvariantCulture) : null;
        AmountTotal T(Outcome x) => new(r.Totals[x].Count, r.Totals[x].OursFen / 100m, r.Totals[x].TheirsFen / 100m);
        var i = r.Identity;
        return TypedResults.Ok(new ReconciliationView(found.Id, found.ManufacturerId, found.Period, found.AcceptedAt is null ? "Imported" : "Accepted",
            found.AcceptedAt, found.AcceptedBy,
            new ReconciliationTotals(r.OursFen / 100m, r.TheirsFen / 100m, T(Outcome.Matched), T(Outcome.AmountDiffers), T(Outcome.Rejected),
                T(Outcome.Duplicate), T(Outcome.UnknownToUs), T(Outcome.MissingOnTheirSide)),
            new IdentityView(i.OurClaimedFen / 100m, i.TheirApprovedForOurClaimsFen / 100m, i.TheirCutsFen / 100m, i.RejectedFen / 100m,
                i.MissingOnTheirSideFen / 100m, i.UnexplainedFen / 100m, i.UnexplainedFen == 0),
            [.. page.Take(size).Select(View)], next));
    }

    /// <summary>
    /// Reconciles the statement as the data stand now. Our claims exclude the answers of accepted statements (lines with a
    /// statement_id) and lines a resubmission sent again (in a run of the period or before), so a claim is what we asked.
    /// A claim another statement answered (and that was not resubmitted since) is no longer expected: not missing here.
    /// <paramref name="accepting"/>: the accept reads it after marking the statement accepted, as of now.
    /// </summary>
    public static async Task<Reconciled?> LoadAsync(DbConnection c, DbTransaction tx, Guid id, bool withAnchors, bool accepting = false)
    {
        var statement = await c.QuerySingleOrDefaultAsync<StatementRow>(StatementSql, new { Id = id }, tx);
        if (statement is null) return null;
        var answered = (await c.QueryAsync<AnsweredRow>(AnsweredSql,
                new { Id = id, statement.ManufacturerId, Before = accepting ? null : statement.AcceptedAt }, tx))
            .GroupBy(a => a.WorkOrderId).Where(g => g.MaxBy(a => a.SettledAt)!.Resubmitted == 0).Select(g => g.Key).ToHashSet();
        var mapping = (await MappingEndpoints.LoadAsync(c, tx, statement.ManufacturerId))?.Mapping
            ?? new StatementMapping(null, null, new StatementColumns(null, null, null, null, null, null, null, null, null), StatementMapping.DefaultRejectedWords, []);
        var zones = (await c.QueryAsync<ZoneRow>(ZonesSql, transaction: tx)).ToDictionary(z => z.Id, z => StoreClock.Zone(z.TimeZone));
        // Both read unbuffered, straight into the core's records: a 100,000-line statement is held once, not twice.
        var claims = new Dictionary<Guid, OurClaim>();
        var anchors = new Dictionary<Guid, ClaimAnchor>();
        foreach (var r in c.Query<ClaimRow>(ClaimsSql, new { statement.ManufacturerId, statement.Period }, tx, buffered: false))
        {
            var expected = r.Period == statement.Period && !answered.Contains(r.WorkOrderId);
            claims[r.WorkOrderId] = claims.TryGetValue(r.WorkOrderId, out var seen)
                ? seen with { AmountFen = seen.AmountFen + r.AmountFen, Expected = seen.Expected || expected }
                : new OurClaim(r.WorkOrderId, r.Number, r.SerialNumber, r.CompletedAt is { } at ? zones[r.StoreId].DayOf(at) : null, r.AmountFen, expected, r.ExternalNumber);
            if (withAnchors && (!anchors.TryGetValue(r.WorkOrderId, out var a) || string.CompareOrdinal(r.Period, a.Period) > 0))
                anchors[r.WorkOrderId] = new ClaimAnchor(r.Id, r.RunId, r.Period);
        }
        var lines = c.Query<LineRow>(LinesSql, new { Id = id }, tx, buffered: false).Select(l => new StatementLine(l.Row, l.WorkOrderNumber,
            l.ManufacturerOrderNumber, l.SerialNumber, l.CompletedOn, l.ClaimedFen, l.ApprovedFen, l.DeductionFen, l.DeductionReason, l.Status == "Rejected"));
        var result = Reconciliation.Reconcile([.. claims.Values.OrderBy(cl => cl.Number, StringComparer.Ordinal)], lines, mapping);
        return new Reconciled(statement.Id, statement.ManufacturerId, statement.Period, statement.AcceptedAt, statement.AcceptedBy, result, anchors, answered);
    }

    private static ReconciliationItemView View(ReconciledItem i) => new(i.Outcome, i.Row, i.WorkOrderId, i.WorkOrderNumber, i.TheirRef,
        i.OurFen / 100m, i.TheirFen / 100m, i.DeltaFen / 100m, i.Reason, i.ReasonCode is { } code ? (Text)Codes.Rejection.Of(code) : null);
}
