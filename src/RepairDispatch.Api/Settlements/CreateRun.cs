using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using System.Globalization;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Settlements;

public sealed record CreateRunRequest(Guid? ManufacturerId, Guid? InstallerPartnerId,
    [property: Required, RegularExpression(@"^\d{4}-(0[1-9]|1[0-2])$")] string Period);

/// <summary>
/// Starts (or finds) the run of one manufacturer or partner for one month. Set-based: one INSERT ... SELECT takes
/// every charge of theirs completed in or before the period that no run holds yet (for a manufacturer: of orders whose
/// claim is Ready, which the run marks Claimed, or was claimed before), so memory stays flat and a
/// crash leaves nothing (one transaction). Asking twice, or from two hosts at once, gives one run: the unique
/// indexes on (party, period) and the line's primary key (the charge's id) decide, not a check in code.
/// </summary>
public static class CreateRun
{
    private const string FindSql = """
        SELECT id FROM settlement_runs
        WHERE period = @Period AND (manufacturer_id = @ManufacturerId OR installer_partner_id = @InstallerPartnerId)
        """;
    private const string PartyExistsSql = """
        SELECT (SELECT COUNT(*) FROM manufacturers WHERE id = @ManufacturerId) + (SELECT COUNT(*) FROM installer_partners WHERE id = @InstallerPartnerId)
        """;
    private const string InsertRunSql = """
        INSERT INTO settlement_runs (id, manufacturer_id, installer_partner_id, period, status, total_fen, line_count, created_by_user_id, created_at, updated_at)
        VALUES (@Id, @ManufacturerId, @InstallerPartnerId, @Period, 'Draft', 0, 0, @CreatedBy, @Now, @Now)
        """;
    // Every statement below serves one run or a whole month's (SettleMonth): a party's run is found by (party, period),
    // which is unique, and the runs of these parties were made in this transaction.
    // CROSS JOIN fixes SQLite's join order (the manufacturers' appliances first, then their orders and charges)
    // instead of scanning every manufacturer's charges; SQL Server treats it as an inner join and plans freely.
    // No ORDER BY: the month's line keys fit the run's page cache, and sorting 400,000 whole rows cost more than writing
    // the key index out of order (docs/benchmarks.md, "Chain scale").
    // An order's claim is taken (claim_runs: this run's, or an earlier one's not folded yet), or Claimed, or absent; the
    // claim_runs probe comes first because it settles the month's bulk without reading the claim.
    private const string CollectManufacturerSql = """
        INSERT INTO settlement_lines (id, run_id, work_order_id, store_id, kind, description, description_code, description_args, amount_fen, disputed, created_at)
        SELECT ch.id, r.id, ch.work_order_id, wo.store_id, ch.kind, ch.description, ch.description_code, ch.description_args, ch.amount_fen, 0, @Now
        FROM appliances a CROSS JOIN work_orders wo CROSS JOIN work_order_charges ch CROSS JOIN settlement_runs r
        WHERE a.manufacturer_id IN @Manufacturers AND wo.appliance_id = a.id AND ch.work_order_id = wo.id
          AND r.manufacturer_id = a.manufacturer_id AND r.period = @Period
          AND ch.party = 'Manufacturer' AND wo.completed_period <= @Period
          AND NOT EXISTS (SELECT 1 FROM settlement_lines l WHERE l.id = ch.id)
          AND (EXISTS (SELECT 1 FROM claim_runs cr WHERE cr.work_order_id = wo.id)
               OR NOT EXISTS (SELECT 1 FROM work_order_claims cl WHERE cl.work_order_id = wo.id AND cl.state <> 'Claimed'))
        """;
    // The run takes the manufacturer's Ready claims of the period (and before), then the charges of claimed orders that no run
    // holds: this run's claims, and charges that came after an earlier run took the claim (a later callback's fee).
    // The claims taken go to claim_runs (ClaimRuns), in key order, instead of rewriting 400,000 claim rows in the run; the
    // claim's own completed_period (its order's) spares a look-up of every order.
    private const string ClaimReadySql = """
        INSERT INTO claim_runs (work_order_id, run_id)
        SELECT cl.work_order_id, r.id
        FROM work_order_claims cl JOIN settlement_runs r ON r.manufacturer_id = cl.manufacturer_id AND r.period = @Period
        WHERE cl.manufacturer_id IN @Manufacturers AND cl.state = 'Ready' AND cl.completed_period <= @Period
          AND NOT EXISTS (SELECT 1 FROM claim_runs cr WHERE cr.work_order_id = cl.work_order_id)
        ORDER BY cl.work_order_id
        """;
    // An order's lines are the ones collected from its charges and the ones made from other lines (SettlementLines).
    private const string ResubmittedColumns = "l.id AS line_id, l.work_order_id, l.store_id, l.kind, l.description, l.description_code, l.description_args, l.amount_fen";
    private const string ResubmittedClaims = "FROM claim_resubmissions rs JOIN claim_runs cl ON cl.work_order_id = rs.work_order_id";
    private const string ResubmittedCurrent = """
        JOIN settlement_runs sr ON sr.id = l.run_id
        WHERE rs.run_id IS NULL AND cl.run_id = @RunId AND sr.manufacturer_id = @ManufacturerId AND l.run_id <> @RunId AND l.statement_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM settlement_lines n WHERE n.resubmits_line_id = l.id)
        """;
    private const string ResubmittedLinesSql = $"""
        SELECT {ResubmittedColumns} {ResubmittedClaims}
        JOIN work_order_charges ch ON ch.work_order_id = rs.work_order_id JOIN settlement_lines l ON l.id = ch.id
        {ResubmittedCurrent}
        UNION ALL
        SELECT {ResubmittedColumns} {ResubmittedClaims}
        JOIN settlement_lines l ON l.work_order_id = rs.work_order_id AND {SettlementLines.Derived}
        {ResubmittedCurrent}
        """;
    private const string CopyLineSql = """
        INSERT INTO settlement_lines (id, run_id, work_order_id, store_id, kind, description, description_code, description_args, amount_fen, disputed, resubmits_line_id, created_at)
        VALUES (@Id, @RunId, @WorkOrderId, @StoreId, @Kind, @Description, @DescriptionCode, @DescriptionArgs, @AmountFen, 0, @LineId, @Now)
        """;
    private const string ResubmissionsTakenSql = """
        UPDATE claim_resubmissions SET run_id = @RunId
        WHERE run_id IS NULL
          AND EXISTS (SELECT 1 FROM claim_runs cr WHERE cr.work_order_id = claim_resubmissions.work_order_id AND cr.run_id = @RunId)
        """;
    private const string SqliteLargeCache = "PRAGMA cache_size = -32768";
    private const string SqliteDefaultCache = "PRAGMA cache_size = -2000";
    private const string CollectPartnerSql = """
        INSERT INTO settlement_lines (id, run_id, work_order_id, store_id, kind, description, description_code, description_args, amount_fen, disputed, created_at)
        SELECT ch.id, r.id, ch.work_order_id, wo.store_id, ch.kind, ch.description, ch.description_code, ch.description_args, ch.amount_fen, 0, @Now
        FROM work_order_charges ch
        JOIN work_orders wo ON wo.id = ch.work_order_id
        JOIN settlement_runs r ON r.installer_partner_id = wo.installer_partner_id AND r.period = @Period
        WHERE ch.party = 'Partner' AND wo.installer_partner_id IN @Partners AND wo.completed_period <= @Period
          AND NOT EXISTS (SELECT 1 FROM settlement_lines l WHERE l.id = ch.id)
        """;

    public static async Task<IResult> Handle(CreateRunRequest request, HttpContext http, Db db, TimeProvider clock, ILoggerFactory logs)
    {
        if ((request.ManufacturerId is null) == (request.InstallerPartnerId is null))
            return Problems.Validation("manufacturerId", Codes.Refusal.ManufacturerOrPartner);
        var now = clock.GetUtcNow();
        if (!HasStarted(request.Period, now)) return Problems.Validation("period", Codes.Refusal.PeriodNotStarted);
        var me = http.Me();
        // A run takes the whole chain's charges: it is headquarters' to make (the monthly job makes them too).
        if (me.StoreId is not null) return Problems.Forbidden(Codes.ChainSettlement.HeadquartersOnly);
        try
        {
            return await db.InTransactionAsync<IResult>(async (c, tx) =>
            {
                if (await c.ExecuteScalarAsync<Guid?>(FindSql, request, tx) is { } existing)
                    return TypedResults.Ok(await SettlementRun.ViewAsync(c, tx, existing));
                if (await c.ExecuteScalarAsync<long>(PartyExistsSql, request, tx) == 0)
                    return Problems.Validation(request.ManufacturerId is null ? "installerPartnerId" : "manufacturerId", Codes.Refusal.NoSuchManufacturerOrPartner);
                var logger = logs.CreateLogger(typeof(CreateRun));
                var run = (await CollectAsync(c, tx, request.Period, [request], me, now, logger)).Single();
                logger.LogInformation("Settlement run {RunId} for {Period}: {Lines} lines, {TotalFen} fen",
                    run.Id, run.Period, run.LineCount, run.TotalFen);
                return TypedResults.Created($"/api/v1/settlements/runs/{run.Id}", await SettlementRun.ViewAsync(c, tx, run.Id));
            });
        }
        catch (DbException e) when (DbErrors.IsConstraintViolation(e))
        {
            // Another host created the same run (or took the same charges) first: answer with that run.
            await using var c = await db.OpenAsync();
            return await c.ExecuteScalarAsync<Guid?>(FindSql, request) is { } winner
                ? TypedResults.Ok(await SettlementRun.ViewAsync(c, null, winner))
                : Problems.Conflict("run-conflict", Codes.Refusal.RunConflict);
        }
    }

    /// <summary>A month has started somewhere once it has begun at UTC+14; stores' own zones are all behind that.</summary>
    internal static bool HasStarted(string period, DateTimeOffset now) =>
        string.CompareOrdinal(period, now.ToOffset(TimeSpan.FromHours(14)).ToString("yyyy-MM", CultureInfo.InvariantCulture)) <= 0;

    /// <summary>
    /// Inserts a run for each of these parties (none of which has a run for the period) and collects all their lines at
    /// once: a chain's month touches each page of its claims and lines once instead of once a party.
    /// </summary>
    public static async Task<IReadOnlyList<SettlementRun>> CollectAsync(DbConnection c, DbTransaction tx, string period,
        IReadOnlyList<CreateRunRequest> parties, CurrentUser by, DateTimeOffset now, ILogger logger)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var runs = parties.Select(p => (Id: Guid.CreateVersion7(), p.ManufacturerId, p.InstallerPartnerId)).ToList();
        foreach (var run in runs)
            await c.ExecuteAsync(InsertRunSql, new { run.Id, run.ManufacturerId, run.InstallerPartnerId, Period = period, CreatedBy = by.Id, Now = now }, tx);
        var partners = runs.Where(r => r.InstallerPartnerId is not null).Select(r => r.InstallerPartnerId!.Value).ToList();
        // SQLite's default 2 MB page cache spills to the WAL over and over while a month's claims and lines are written;
        // 32 MB for this transaction writes each page about once (docs/benchmarks.md, "Chain scale").
        var sqlite = c is Microsoft.Data.Sqlite.SqliteConnection;
        if (sqlite) await c.ExecuteAsync(SqliteLargeCache, transaction: tx);
        try
        {
            await CollectLinesAsync(c, tx, runs.Where(r => r.ManufacturerId is not null).Select(r => (r.Id, r.ManufacturerId!.Value)).ToList(), partners, period, now, logger);
        }
        finally
        {
            if (sqlite) await c.ExecuteAsync(SqliteDefaultCache, transaction: tx);
        }
        var made = new List<SettlementRun>(runs.Count);
        foreach (var run in runs)
        {
            await SettlementRun.RecountAsync(c, tx, run.Id, now);
            await SettlementRun.EventAsync(c, tx, run.Id, by, now, "Created", null, RunStatus.Draft, null);
            made.Add((await SettlementRun.LoadAsync(c, tx, run.Id))!);
        }
        Infrastructure.StationMetrics.SettlementRunDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        return made;
    }

    private static async Task CollectLinesAsync(DbConnection c, DbTransaction tx, List<(Guid Run, Guid Manufacturer)> manufacturerRuns, List<Guid> partners,
        string period, DateTimeOffset now, ILogger logger)
    {
        var manufacturers = manufacturerRuns.Select(r => r.Manufacturer).ToList();
        var args = new { Manufacturers = Db.IdList(c, manufacturers), Partners = Db.IdList(c, partners), Period = period, Now = now };
        var phase = System.Diagnostics.Stopwatch.StartNew();
        if (manufacturers.Count > 0)
        {
            var expired = await Claims.ClaimExpiryJob.ExpireDueAsync(c, tx, manufacturers.Count == 1 ? manufacturers[0] : null, now);
            var expiry = phase.Elapsed;
            var claims = await c.ExecuteAsync(ClaimReadySql, args, tx, commandTimeout: 600);
            var taking = phase.Elapsed;
            var lines = await c.ExecuteAsync(CollectManufacturerSql, args, tx, commandTimeout: 600);
            var collecting = phase.Elapsed;
            foreach (var (run, manufacturer) in manufacturerRuns) await CopyResubmittedAsync(c, tx, run, manufacturer, now);
            logger.LogInformation("Settlement {Period}: {Expired} claims past deadline rechecked in {ExpiryMs} ms, {Claims} claims taken in {ClaimsMs} ms, " +
                "{Lines} lines collected in {LinesMs} ms, resubmissions in {ResubmittedMs} ms", period, expired, (int)expiry.TotalMilliseconds, claims,
                (int)(taking - expiry).TotalMilliseconds, lines, (int)(collecting - taking).TotalMilliseconds, (int)(phase.Elapsed - collecting).TotalMilliseconds);
        }
        if (partners.Count > 0) await c.ExecuteAsync(CollectPartnerSql, args, tx, commandTimeout: 600);
    }

    private static async Task CopyResubmittedAsync(DbConnection c, DbTransaction tx, Guid runId, Guid manufacturerId, DateTimeOffset now)
    {
        var args = new { RunId = runId, ManufacturerId = manufacturerId };
        foreach (var line in (await c.QueryAsync<ResubmittedLine>(ResubmittedLinesSql, args, tx)).ToList())
            await c.ExecuteAsync(CopyLineSql, new
            {
                Id = Guid.CreateVersion7(), RunId = runId, line.WorkOrderId, line.StoreId, line.Kind, line.Description, line.DescriptionCode, line.DescriptionArgs,
                line.AmountFen, line.LineId, Now = now,
            }, tx);
        await c.ExecuteAsync(ResubmissionsTakenSql, args, tx);
    }

    private sealed class ResubmittedLine
    {
        public Guid LineId { get; init; }
        public Guid WorkOrderId { get; init; }
        public Guid? StoreId { get; init; }
        public string Kind { get; init; } = "";
        public string Description { get; init; } = "";
        public string? DescriptionCode { get; init; }
        public string? DescriptionArgs { get; init; }
        public long AmountFen { get; init; }
    }
}
