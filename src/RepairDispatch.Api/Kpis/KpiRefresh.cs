using System.Data.Common;
using System.Globalization;
using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;

namespace RepairDispatch.Api.Kpis;

/// <summary>
/// Keeps kpi_order_facts equal to <see cref="KpiFacts.Of"/> of every order. The V0024 triggers append an order to
/// kpi_dirty in the transaction of any write that can change its figures; <see cref="DrainAsync"/> recomputes those
/// orders from their whole state (idempotent: a second run writes the same rows) and deletes exactly the marks it read.
/// </summary>
public sealed class KpiRefresh(Db db, ILogger<KpiRefresh> logger)
{
    private const int Batch = 500;
    private const int MarksPerRound = 5 * Batch;
    /// <summary>A report drains at most this many rounds before it answers; a larger backlog (a station's history after
    /// V0029) is worked off by the every-minute job, round by round.</summary>
    public const int ReportRounds = 2;

    private const string AnyMarkSql = "SELECT MAX(seq) FROM kpi_dirty";
    private const string LeftSql = "SELECT COUNT(*) FROM kpi_dirty";
    private const string CaughtUpSql = """
        SELECT CASE WHEN EXISTS (SELECT 1 FROM kpi_dirty) OR EXISTS (SELECT 1 FROM kpi_store_days_backfill) THEN 0 ELSE 1 END
        """;
    // The oldest marks up to the last one there was when the drain began: writers marking meanwhile cannot keep it going.
    private static readonly DialectSql MarksSql = Paging.FirstRows("SELECT seq, work_order_id FROM kpi_dirty WHERE seq <= @Until ORDER BY seq");
    private const string UnmarkSql = "DELETE FROM kpi_dirty WHERE seq IN @Seqs";
    private const string AllOrdersSql = "SELECT id FROM work_orders";
    private const string ForgetAllSql = "DELETE FROM kpi_order_facts";
    private const string ForgetSql = "DELETE FROM kpi_order_facts WHERE work_order_id IN @Ids";
    private const string InsertSql = """
        INSERT INTO kpi_order_facts (work_order_id, store_id, technician_id, manufacturer_id, category, type, created_day, completed_day,
            assign_minutes, on_site_minutes, complete_minutes, assign_met, on_site_met, complete_met, second_visit, reworked, satisfaction,
            complaints, service_minutes, shift_minutes, installation_management_fen, manufacturer_repair_fen, manufacturer_installation_fen,
            customer_repair_fen, parts_fen, callback_fen, claim_first_pass, old_parts_on_time, old_parts_late, old_parts_open, old_parts_open_due)
        VALUES (@WorkOrderId, @StoreId, @TechnicianId, @ManufacturerId, @Category, @Type, @CreatedDay, @CompletedDay,
            @AssignMinutes, @OnSiteMinutes, @CompleteMinutes, @AssignMet, @OnSiteMet, @CompleteMet, @SecondVisit, @Reworked, @Satisfaction,
            @Complaints, @ServiceMinutes, @ShiftMinutes, @InstallationManagementFen, @ManufacturerRepairFen, @ManufacturerInstallationFen,
            @CustomerRepairFen, @PartsFen, @CallbackFen, @ClaimFirstPass, @OldPartsOnTime, @OldPartsLate, @OldPartsOpen, @OldPartsOpenDue)
        """;

    private const string OrdersSql = """
        SELECT wo.id, wo.store_id, wo.technician_id, a.manufacturer_id, a.category, wo.type, wo.status, wo.created_at, wo.assign_by, wo.on_site_by,
            wo.complete_by, wo.labour_minutes, wo.customer_rating, CASE WHEN wo.installer_partner_id IS NULL THEN 0 ELSE 1 END AS by_partner,
            s.time_zone, t.shift_from, t.shift_to
        FROM work_orders wo JOIN appliances a ON a.id = wo.appliance_id JOIN stores s ON s.id = wo.store_id
        LEFT JOIN technicians t ON t.id = wo.technician_id
        WHERE wo.id IN @Ids
        """;
    private const string StepsSql = "SELECT work_order_id, occurred_at, to_status FROM work_order_events WHERE work_order_id IN @Ids AND to_status IS NOT NULL";
    private const string ReworksSql = "SELECT rework_of_id AS work_order_id, created_at FROM work_orders WHERE rework_of_id IN @Ids";
    private const string CallbacksSql = """
        SELECT work_order_id, satisfaction, done_at FROM callbacks
        WHERE work_order_id IN @Ids AND status = 'Done' AND satisfaction IS NOT NULL
        """;
    private const string ComplaintsSql = "SELECT work_order_id, COUNT(*) AS n FROM complaints WHERE work_order_id IN @Ids GROUP BY work_order_id";
    private const string ChargesSql = "SELECT work_order_id, party, kind, amount_fen FROM work_order_charges WHERE work_order_id IN @Ids";
    private const string BreachesSql = "SELECT work_order_id, deadline FROM sla_breaches WHERE work_order_id IN @Ids";
    private const string SettlementsSql = "SELECT work_order_id, outcome, settled_at FROM claim_settlements WHERE work_order_id IN @Ids";
    private const string ResubmittedSql = "SELECT DISTINCT work_order_id FROM claim_resubmissions WHERE work_order_id IN @Ids";
    private const string OldPartsSql = """
        SELECT op.work_order_id, op.status, op.due_on, r.shipped_at
        FROM old_parts op LEFT JOIN old_part_returns r ON r.id = op.return_id
        WHERE op.work_order_id IN @Ids AND op.return_required = 1
        """;

    /// <summary>
    /// Recomputes the marked orders, <see cref="MarksPerRound"/> marks a transaction, until none of those there were at the
    /// start is left or <paramref name="maxRounds"/> rounds are done; returns how many orders it recomputed.
    /// </summary>
    public async Task<int> DrainAsync(CancellationToken ct = default, int maxRounds = int.MaxValue)
    {
        long until;
        await using (var c = await db.OpenAsync(ct))
        {
            until = await c.ExecuteScalarAsync<long?>(AnyMarkSql) ?? 0;
            if (until == 0 && await CaughtUpAsync(c)) return 0; // the usual case: no writer's lock taken
        }
        var total = 0;
        for (var round = 1; round <= maxRounds; round++)
        {
            var done = await db.InTransactionAsync(async (c, tx) =>
            {
                var marks = (await c.QueryAsync<Mark>(db.Sql(MarksSql), new { Until = until, Take = MarksPerRound }, tx)).ToList();
                var ids = marks.Select(m => m.WorkOrderId).Distinct().ToList();
                await RefreshAsync(c, tx, ids);
                foreach (var chunk in marks.Select(m => m.Seq).Chunk(1000))
                    await c.ExecuteAsync(UnmarkSql, new { Seqs = chunk }, tx);
                return (Orders: ids.Count, Work: ids.Count + (marks.Count == 0 ? await KpiStoreDays.BackfillAsync(db, c, tx) : 0));
            }, ct);
            if (done.Work == 0) break;
            total += done.Orders;
            if (round % 20 == 0)
            {
                await using var c = await db.OpenAsync(ct);
                logger.LogInformation("KPI facts: {Orders} orders recomputed so far, {Marks} marks and {StoreDays} store-days to build left",
                    total, await c.ExecuteScalarAsync<long>(LeftSql), await KpiStoreDays.BackfillLeftAsync(c));
            }
        }
        return total;
    }

    /// <summary>No order waits for its facts and no store-day for its tally: the facts hold every committed change.</summary>
    public static async Task<bool> CaughtUpAsync(DbConnection c) => await c.ExecuteScalarAsync<long>(CaughtUpSql) == 1;

    /// <summary>Throws every fact away and computes them all again from the orders (the test's and an operator's "from scratch").</summary>
    public async Task RebuildAsync(CancellationToken ct = default) =>
        await db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(ForgetAllSql, transaction: tx);
            await KpiStoreDays.ForgetAllAsync(c, tx);
            var ids = (await c.QueryAsync<Guid>(AllOrdersSql, transaction: tx)).ToList();
            await RefreshAsync(c, tx, ids);
            return 0;
        }, ct);

    /// <summary>Recomputes the fact rows of these orders, then the store-day tallies those rows counted on before or count on now.</summary>
    public static async Task RefreshAsync(DbConnection c, DbTransaction tx, IReadOnlyList<Guid> ids)
    {
        var days = new HashSet<KpiStoreDays.StoreDay>();
        foreach (var batch in ids.Chunk(Batch))
        {
            days.UnionWith(await KpiStoreDays.OfOrdersAsync(c, tx, batch));
            var facts = (await LoadAsync(c, tx, batch)).Select(KpiFacts.Of).ToList();
            await c.ExecuteAsync(ForgetSql, new { Ids = Db.IdList(c, batch) }, tx);
            await c.ExecuteAsync(InsertSql, facts, tx);
            days.UnionWith(await KpiStoreDays.OfOrdersAsync(c, tx, batch));
        }
        await KpiStoreDays.RebuildAsync(c, tx, days);
    }

    private static async Task<List<KpiOrderState>> LoadAsync(DbConnection c, DbTransaction tx, Guid[] ids)
    {
        var p = new { Ids = Db.IdList(c, ids) };
        var orders = (await c.QueryAsync<OrderRow>(OrdersSql, p, tx)).ToList();
        var steps = (await c.QueryAsync<StepRow>(StepsSql, p, tx)).ToLookup(r => r.WorkOrderId, r => new KpiStep(r.OccurredAt, r.ToStatus));
        var reworks = (await c.QueryAsync<(Guid WorkOrderId, DateTimeOffset CreatedAt)>(ReworksSql, p, tx)).ToLookup(r => r.WorkOrderId, r => r.CreatedAt);
        var callbacks = (await c.QueryAsync<(Guid WorkOrderId, long Satisfaction, DateTimeOffset DoneAt)>(CallbacksSql, p, tx))
            .GroupBy(r => r.WorkOrderId).ToDictionary(g => g.Key, g => (int)g.MaxBy(r => r.DoneAt).Satisfaction);
        var complaints = (await c.QueryAsync<(Guid WorkOrderId, long N)>(ComplaintsSql, p, tx)).ToDictionary(r => r.WorkOrderId, r => (int)r.N);
        var charges = (await c.QueryAsync<(Guid WorkOrderId, string Party, string Kind, long AmountFen)>(ChargesSql, p, tx))
            .ToLookup(r => r.WorkOrderId, r => new KpiCharge(r.Party, r.Kind, r.AmountFen));
        var breaches = (await c.QueryAsync<(Guid WorkOrderId, string Deadline)>(BreachesSql, p, tx)).ToLookup(r => r.WorkOrderId, r => r.Deadline);
        var settlements = (await c.QueryAsync<(Guid WorkOrderId, string Outcome, DateTimeOffset SettledAt)>(SettlementsSql, p, tx))
            .GroupBy(r => r.WorkOrderId).ToDictionary(g => g.Key, g => g.MinBy(r => r.SettledAt).Outcome);
        var resubmitted = (await c.QueryAsync<Guid>(ResubmittedSql, p, tx)).ToHashSet();
        var oldParts = (await c.QueryAsync<OldPartRow>(OldPartsSql, p, tx))
            .ToLookup(r => r.WorkOrderId, r => new KpiOldPart(r.Status, r.DueOn, r.ShippedAt));
        var zones = new Dictionary<string, StoreZone>();
        return orders.Select(o => new KpiOrderState(o.Id, o.StoreId, o.TechnicianId, o.ManufacturerId, o.Category, o.Type, o.Status,
            o.CreatedAt, o.AssignBy, o.OnSiteBy, o.CompleteBy, o.LabourMinutes, o.CustomerRating, o.ByPartner != 0,
            zones.TryGetValue(o.TimeZone, out var z) ? z : zones[o.TimeZone] = StoreClock.Zone(o.TimeZone), ShiftMinutes(o),
            steps[o.Id].ToList(), reworks[o.Id].ToList(), callbacks.TryGetValue(o.Id, out var sat) ? sat : (int?)null,
            complaints.GetValueOrDefault(o.Id), charges[o.Id].ToList(), breaches[o.Id].ToHashSet(),
            settlements.GetValueOrDefault(o.Id), resubmitted.Contains(o.Id), oldParts[o.Id].ToList())).ToList();
    }

    /// <summary>The technician's shift length (his shift_from–shift_to); 0 without a technician.</summary>
    private static int ShiftMinutes(OrderRow o) =>
        o.ShiftFrom is { } f && o.ShiftTo is { } t
            ? (int)(TimeOnly.Parse(t, CultureInfo.InvariantCulture) - TimeOnly.Parse(f, CultureInfo.InvariantCulture)).TotalMinutes
            : 0;

    private sealed record Mark(long Seq, Guid WorkOrderId);

    private sealed class OrderRow
    {
        public Guid Id { get; init; }
        public Guid StoreId { get; init; }
        public Guid? TechnicianId { get; init; }
        public Guid ManufacturerId { get; init; }
        public string Category { get; init; } = "";
        public string Type { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset AssignBy { get; init; }
        public DateTimeOffset OnSiteBy { get; init; }
        public DateTimeOffset CompleteBy { get; init; }
        public int? LabourMinutes { get; init; }
        public int? CustomerRating { get; init; }
        public long ByPartner { get; init; }
        public string TimeZone { get; init; } = "";
        public string? ShiftFrom { get; init; }
        public string? ShiftTo { get; init; }
    }

    private sealed class StepRow
    {
        public Guid WorkOrderId { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string ToStatus { get; init; } = "";
    }

    private sealed class OldPartRow
    {
        public Guid WorkOrderId { get; init; }
        public string Status { get; init; } = "";
        public DateOnly? DueOn { get; init; }
        public DateTimeOffset? ShippedAt { get; init; }
    }
}
