using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Settlements;

public sealed record SettleMonthRequest([property: Required, RegularExpression(@"^\d{4}-(0[1-9]|1[0-2])$")] string Period);

/// <param name="Created">The runs this request made; runs the month already had are listed by <c>GET …/runs?period=</c>.</param>
public sealed record SettledMonthView(string Period, IReadOnlyList<SettlementRunView> Created);

/// <summary>
/// The chain's month at once (headquarters, and the monthly job): a run for every manufacturer and installer partner with
/// something to settle and no run for the month yet, all collected in one transaction. Set-based over every party, so
/// each page of the month's claims and lines is written once, not once a party (docs/benchmarks.md, "Chain scale").
/// Asking again makes nothing: a party with its run is left out, and the unique (party, period) indexes stop a second node.
/// </summary>
public static class SettleMonth
{
    // Per party, so a manufacturer with a Ready claim is found by ix_work_order_claims_manufacturer at its first one; only
    // a manufacturer without any looks through its orders for a charge no run holds (a fee that came after its claim's run).
    private const string PartiesSql = """
        SELECT m.id AS manufacturer_id, NULL AS installer_partner_id FROM manufacturers m
        WHERE NOT EXISTS (SELECT 1 FROM settlement_runs r WHERE r.manufacturer_id = m.id AND r.period = @Period)
          AND (EXISTS (SELECT 1 FROM work_order_claims cl
                       WHERE cl.manufacturer_id = m.id AND cl.state = 'Ready' AND cl.completed_period <= @Period
                         AND NOT EXISTS (SELECT 1 FROM claim_runs cr WHERE cr.work_order_id = cl.work_order_id))
            OR EXISTS (SELECT 1 FROM appliances a JOIN work_orders wo ON wo.appliance_id = a.id JOIN work_order_charges ch ON ch.work_order_id = wo.id
                       WHERE a.manufacturer_id = m.id AND ch.party = 'Manufacturer' AND wo.completed_period <= @Period
                         AND NOT EXISTS (SELECT 1 FROM settlement_lines l WHERE l.id = ch.id)
                         AND NOT EXISTS (SELECT 1 FROM work_order_claims cl WHERE cl.work_order_id = wo.id AND cl.state <> 'Claimed'
                                         AND NOT EXISTS (SELECT 1 FROM claim_runs cr WHERE cr.work_order_id = cl.work_order_id))))
        UNION ALL
        SELECT NULL, p.id FROM installer_partners p
        WHERE NOT EXISTS (SELECT 1 FROM settlement_runs r WHERE r.installer_partner_id = p.id AND r.period = @Period)
          AND EXISTS (SELECT 1 FROM work_orders wo JOIN work_order_charges ch ON ch.work_order_id = wo.id
                      WHERE wo.installer_partner_id = p.id AND ch.party = 'Partner' AND wo.completed_period <= @Period
                        AND NOT EXISTS (SELECT 1 FROM settlement_lines l WHERE l.id = ch.id))
        """;

    public static async Task<IResult> Handle(SettleMonthRequest request, HttpContext http, Db db, TimeProvider clock, ILoggerFactory logs)
    {
        var now = clock.GetUtcNow();
        if (!CreateRun.HasStarted(request.Period, now)) return Problems.Validation("period", Codes.Refusal.PeriodNotStarted);
        var me = http.Me();
        if (me.StoreId is not null) return Problems.Forbidden(Codes.ChainSettlement.HeadquartersOnly);
        try
        {
            return await db.InTransactionAsync<IResult>(async (c, tx) =>
            {
                var runs = await SettleAsync(c, tx, request.Period, me, now, logs.CreateLogger(typeof(SettleMonth)));
                return TypedResults.Ok(new SettledMonthView(request.Period, await SettlementRun.ViewsAsync(c, tx, runs, null)));
            });
        }
        catch (DbException e) when (DbErrors.IsConstraintViolation(e))
        {
            // Another node settled a party of this month at the same moment: nothing here was kept; asking again settles the rest.
            return Problems.Conflict("run-conflict", Codes.Refusal.RunConflict);
        }
    }

    /// <summary>Makes and collects the month's missing runs in the caller's transaction; returns them.</summary>
    public static async Task<IReadOnlyList<SettlementRun>> SettleAsync(DbConnection c, DbTransaction tx, string period, CurrentUser by, DateTimeOffset now, ILogger logger)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var parties = (await c.QueryAsync<Party>(PartiesSql, new { Period = period }, tx, commandTimeout: 600))
            .Select(p => new CreateRunRequest(p.ManufacturerId, p.InstallerPartnerId, period)).ToList();
        logger.LogInformation("Settling {Period}: {Parties} part(ies) without a run, found in {PartiesMs} ms", period, parties.Count, (int)watch.ElapsedMilliseconds);
        if (parties.Count == 0) return [];
        var runs = await CreateRun.CollectAsync(c, tx, period, parties, by, now, logger);
        logger.LogInformation("Settled {Period}: {Runs} run(s), {Lines} lines, {TotalFen} fen in {Ms} ms (before the commit)", period, runs.Count,
            runs.Sum(r => r.LineCount), runs.Sum(r => r.TotalFen), (int)watch.ElapsedMilliseconds);
        return runs;
    }

    private sealed class Party
    {
        public Guid? ManufacturerId { get; init; }
        public Guid? InstallerPartnerId { get; init; }
    }
}
