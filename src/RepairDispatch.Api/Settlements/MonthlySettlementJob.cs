using System.Data.Common;
using System.Globalization;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;

namespace RepairDispatch.Api.Settlements;

/// <summary>
/// Monthly: a run for the month that just ended for every manufacturer and installer partner with unsettled
/// charges. A month has ended when it has ended in every store (each in its own zone): an order completed late on the
/// 31st in Los Angeles belongs to that month, and Shanghai is already in the next one by then. The job runs daily;
/// until the month has ended everywhere it settles the month before (already made, so nothing). Each party is its own transaction through the same code as the API; a party that already has its run
/// is skipped, so the job can run twice, or on two nodes, without doubling anything.
/// </summary>
public sealed class MonthlySettlementJob(Db db, TimeProvider clock, ILogger<MonthlySettlementJob> logger)
{
    private sealed class Party
    {
        public Guid? ManufacturerId { get; init; }
        public Guid? InstallerPartnerId { get; init; }
    }

    private const string PartiesSql = """
        SELECT DISTINCT a.manufacturer_id AS manufacturer_id, NULL AS installer_partner_id
        FROM work_order_charges ch JOIN work_orders wo ON wo.id = ch.work_order_id JOIN appliances a ON a.id = wo.appliance_id
        WHERE ch.party = 'Manufacturer' AND wo.completed_period <= @Period AND NOT EXISTS (SELECT 1 FROM settlement_lines l WHERE l.id = ch.id)
          AND NOT EXISTS (SELECT 1 FROM work_order_claims cl WHERE cl.work_order_id = wo.id AND cl.state IN ('NotReady','Expired'))
        UNION
        SELECT DISTINCT NULL, wo.installer_partner_id
        FROM work_order_charges ch JOIN work_orders wo ON wo.id = ch.work_order_id
        WHERE ch.party = 'Partner' AND wo.completed_period <= @Period AND NOT EXISTS (SELECT 1 FROM settlement_lines l WHERE l.id = ch.id)
        """;
    private const string HasRunSql = """
        SELECT COUNT(*) FROM settlement_runs WHERE period = @Period AND (manufacturer_id = @ManufacturerId OR installer_partner_id = @InstallerPartnerId)
        """;
    private const string ActorSql = "SELECT id FROM users WHERE role = 'admin' ORDER BY created_at";
    private const string ZonesSql = "SELECT DISTINCT time_zone FROM stores";

    public async Task<int> RunAsync()
    {
        var now = clock.GetUtcNow();
        List<Party> parties;
        CurrentUser actor;
        string period;
        await using (var c = await db.OpenAsync())
        {
            period = EndedEverywhere(now, await c.QueryAsync<string>(ZonesSql));
            parties = (await c.QueryAsync<Party>(PartiesSql, new { Period = period })).ToList();
            actor = new CurrentUser(await c.QueryFirstAsync<Guid>(ActorSql), "monthly-settlement-job", Roles.Admin, null, null);
        }
        var created = 0;
        for (var i = 0; i < parties.Count; i++)
        {
            var request = new CreateRunRequest(parties[i].ManufacturerId, parties[i].InstallerPartnerId, period);
            try
            {
                created += await db.InTransactionAsync(async (c, tx) =>
                {
                    if (await c.ExecuteScalarAsync<long>(HasRunSql, request, tx) > 0) return 0;
                    await CreateRun.CollectAsync(c, tx, request, actor, now);
                    return 1;
                });
            }
            catch (DbException e) when (DbErrors.IsConstraintViolation(e))
            {
                logger.LogInformation("Run for {Period} already made elsewhere for party {Party}", period, parties[i].ManufacturerId ?? parties[i].InstallerPartnerId);
            }
            logger.LogInformation("Monthly settlement {Period}: {Done}/{Count} parties", period, i + 1, parties.Count);
        }
        logger.LogInformation("Monthly settlement {Period}: {Created} run(s) created", period, created);
        return created;
    }

    /// <summary>The latest month (yyyy-MM) that has ended in every one of these zones at this instant.</summary>
    public static string EndedEverywhere(DateTimeOffset now, IEnumerable<string> zones)
    {
        var earliest = zones.Select(z => StoreClock.Zone(z).DayOf(now)).Min();
        return StoreZone.Month(new DateOnly(earliest.Year, earliest.Month, 1).AddMonths(-1));
    }
}
