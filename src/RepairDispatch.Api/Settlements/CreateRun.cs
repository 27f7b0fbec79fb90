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
    // CROSS JOIN fixes SQLite's join order (the manufacturer's appliances first, then their orders and charges)
    // instead of scanning every manufacturer's charges; SQL Server treats it as an inner join and plans freely.
    private const string CollectManufacturerSql = """
        INSERT INTO settlement_lines (id, run_id, work_order_id, store_id, kind, description, description_code, description_args, amount_fen, disputed, created_at)
        SELECT ch.id, @RunId, ch.work_order_id, wo.store_id, ch.kind, ch.description, ch.description_code, ch.description_args, ch.amount_fen, 0, @Now
        FROM appliances a CROSS JOIN work_orders wo CROSS JOIN work_order_charges ch
        WHERE a.manufacturer_id = @ManufacturerId AND wo.appliance_id = a.id AND ch.work_order_id = wo.id
          AND ch.party = 'Manufacturer' AND wo.completed_period <= @Period
          AND NOT EXISTS (SELECT 1 FROM settlement_lines l WHERE l.id = ch.id)
          AND NOT EXISTS (SELECT 1 FROM work_order_claims cl WHERE cl.work_order_id = wo.id AND cl.state <> 'Claimed')
        """;
    // The run takes the manufacturer's Ready claims of the period (and before), then the charges of claimed orders that no run
    // holds: this run's claims, and charges that came after an earlier run took the claim (a later callback's fee).
    private const string ClaimReadySql = """
        UPDATE work_order_claims SET state = 'Claimed', run_id = @RunId, updated_at = @Now, version = version + 1
        WHERE manufacturer_id = @ManufacturerId AND state = 'Ready'
          AND work_order_id IN (SELECT id FROM work_orders WHERE completed_period <= @Period)
        """;
    // A resubmitted claim this run just took: its current lines (not answers of a statement, not yet sent again) are copied
    // as new lines pointing at the ones they resubmit; the resubmission then names the run, so no later run copies them.
    private const string ResubmittedLinesSql = """
        SELECT sl.id AS line_id, sl.work_order_id, sl.store_id, sl.kind, sl.description, sl.description_code, sl.description_args, sl.amount_fen
        FROM claim_resubmissions rs
        JOIN work_order_claims cl ON cl.work_order_id = rs.work_order_id
        JOIN settlement_lines sl ON sl.work_order_id = rs.work_order_id
        JOIN settlement_runs sr ON sr.id = sl.run_id
        WHERE rs.run_id IS NULL AND cl.run_id = @RunId AND sr.manufacturer_id = @ManufacturerId AND sl.run_id <> @RunId AND sl.statement_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM settlement_lines n WHERE n.resubmits_line_id = sl.id)
        """;
    private const string CopyLineSql = """
        INSERT INTO settlement_lines (id, run_id, work_order_id, store_id, kind, description, description_code, description_args, amount_fen, disputed, resubmits_line_id, created_at)
        VALUES (@Id, @RunId, @WorkOrderId, @StoreId, @Kind, @Description, @DescriptionCode, @DescriptionArgs, @AmountFen, 0, @LineId, @Now)
        """;
    private const string ResubmissionsTakenSql = """
        UPDATE claim_resubmissions SET run_id = @RunId
        WHERE run_id IS NULL AND work_order_id IN (SELECT work_order_id FROM work_order_claims WHERE run_id = @RunId)
        """;
    private const string CollectPartnerSql = """
        INSERT INTO settlement_lines (id, run_id, work_order_id, store_id, kind, description, description_code, description_args, amount_fen, disputed, created_at)
        SELECT ch.id, @RunId, ch.work_order_id, wo.store_id, ch.kind, ch.description, ch.description_code, ch.description_args, ch.amount_fen, 0, @Now
        FROM work_order_charges ch
        JOIN work_orders wo ON wo.id = ch.work_order_id
        WHERE ch.party = 'Partner' AND wo.installer_partner_id = @InstallerPartnerId AND wo.completed_period <= @Period
          AND NOT EXISTS (SELECT 1 FROM settlement_lines l WHERE l.id = ch.id)
        """;

    public static async Task<IResult> Handle(CreateRunRequest request, HttpContext http, Db db, TimeProvider clock, ILoggerFactory logs)
    {
        if ((request.ManufacturerId is null) == (request.InstallerPartnerId is null))
            return Problems.Validation("manufacturerId", Codes.Refusal.ManufacturerOrPartner);
        var now = clock.GetUtcNow();
        // A month has started somewhere once it has begun at UTC+14; stores' own zones are all behind that.
        if (string.CompareOrdinal(request.Period, now.ToOffset(TimeSpan.FromHours(14)).ToString("yyyy-MM", CultureInfo.InvariantCulture)) > 0)
            return Problems.Validation("period", Codes.Refusal.PeriodNotStarted);
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
                var run = await CollectAsync(c, tx, request, me, now);
                logs.CreateLogger(typeof(CreateRun)).LogInformation("Settlement run {RunId} for {Period}: {Lines} lines, {TotalFen} fen",
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

    /// <summary>Inserts the run and its lines and counts them; also the step a monthly job can run.</summary>
    public static async Task<SettlementRun> CollectAsync(DbConnection c, DbTransaction tx, CreateRunRequest request, CurrentUser by, DateTimeOffset now)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var id = Guid.CreateVersion7();
        await c.ExecuteAsync(InsertRunSql, new { Id = id, request.ManufacturerId, request.InstallerPartnerId, request.Period, CreatedBy = by.Id, Now = now }, tx);
        var args = new { RunId = id, request.ManufacturerId, request.InstallerPartnerId, request.Period, Now = now };
        if (request.ManufacturerId is { } manufacturer)
        {
            await Claims.ClaimExpiryJob.ExpireDueAsync(c, tx, manufacturer, now);
            await c.ExecuteAsync(ClaimReadySql, args, tx);
        }
        await c.ExecuteAsync(request.ManufacturerId is null ? CollectPartnerSql : CollectManufacturerSql, args, tx, commandTimeout: 600);
        if (request.ManufacturerId is not null)
        {
            foreach (var line in (await c.QueryAsync<ResubmittedLine>(ResubmittedLinesSql, args, tx)).ToList())
                await c.ExecuteAsync(CopyLineSql, new
                {
                    Id = Guid.CreateVersion7(), RunId = id, line.WorkOrderId, line.StoreId, line.Kind, line.Description, line.DescriptionCode, line.DescriptionArgs,
                    line.AmountFen, line.LineId, Now = now,
                }, tx);
            await c.ExecuteAsync(ResubmissionsTakenSql, args, tx);
        }
        await SettlementRun.RecountAsync(c, tx, id, now);
        await SettlementRun.EventAsync(c, tx, id, by, now, "Created", null, RunStatus.Draft, null);
        Infrastructure.StationMetrics.SettlementRunDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        return (await SettlementRun.LoadAsync(c, tx, id))!;
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
