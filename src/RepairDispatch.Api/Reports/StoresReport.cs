using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Reports;

public sealed record StoreOrderCounts(long Created, long Completed, long Open);

/// <summary>One SLA deadline over the orders created in the period: met, missed, and met ÷ (met + missed) (null when neither).</summary>
public sealed record SlaDeadlineCompliance(long Met, long Missed, decimal? Rate);

public sealed record StoreSlaCompliance(SlaDeadlineCompliance Assign, SlaDeadlineCompliance OnSite, SlaDeadlineCompliance Complete);

/// <param name="StockValue">The store's stock at cost, from the stock ledger; null until the ledger's valuation is wired in.</param>
public sealed record StoreReportRow(Guid StoreId, string StoreCode, string StoreName, StoreOrderCounts Orders, StoreSlaCompliance SlaCompliance,
    RevenueLine[] Revenue, decimal RevenueTotal, decimal? StockValue);

public sealed record StoresReportView(DateTimeOffset From, DateTimeOffset To, StoreReportRow[] Stores);

/// <summary>
/// Headquarters' stores side by side for [from, to) (docs/settlement.md, "Stores report"): orders created, completed, and
/// still open at the end of the period; SLA compliance per deadline of the orders created in it (not cancelled), by the
/// rule of <see cref="WorkOrders.SlaPolicy"/>: met when the milestone came by the deadline, missed when it came later or
/// has not come and the order's clock (stopped while it waits for parts) is past it, still running otherwise (not
/// counted); revenue by source as <see cref="RevenueReport"/> counts it. A store-bound caller sees his own store.
/// </summary>
public static class StoresReport
{
    private const string StoresSql = "SELECT id, code, name FROM stores WHERE @StoreId IS NULL OR id = @StoreId ORDER BY code";
    private const string OrdersSql = """
        SELECT wo.store_id,
               SUM(CASE WHEN wo.created_at >= @From THEN 1 ELSE 0 END) AS created,
               SUM(CASE WHEN wo.completed_at >= @From AND wo.completed_at < @To THEN 1 ELSE 0 END) AS completed,
               SUM(CASE WHEN (wo.completed_at IS NULL OR wo.completed_at >= @To) AND (wo.cancelled_at IS NULL OR wo.cancelled_at >= @To) THEN 1 ELSE 0 END) AS open_at_end
        FROM work_orders wo
        WHERE wo.created_at < @To AND (@StoreId IS NULL OR wo.store_id = @StoreId)
        GROUP BY wo.store_id
        """;
    // SlaPolicy.IsBreached per deadline: late = COALESCE(reached, paused, now) > deadline; met = reached by the deadline.
    private const string SlaSql = """
        SELECT wo.store_id,
               SUM(CASE WHEN wo.assigned_at <= wo.assign_by THEN 1 ELSE 0 END) AS assign_met,
               SUM(CASE WHEN COALESCE(wo.assigned_at, wo.sla_paused_at, @Now) > wo.assign_by THEN 1 ELSE 0 END) AS assign_missed,
               SUM(CASE WHEN wo.on_site_at <= wo.on_site_by THEN 1 ELSE 0 END) AS on_site_met,
               SUM(CASE WHEN COALESCE(wo.on_site_at, wo.sla_paused_at, @Now) > wo.on_site_by THEN 1 ELSE 0 END) AS on_site_missed,
               SUM(CASE WHEN wo.completed_at <= wo.complete_by THEN 1 ELSE 0 END) AS complete_met,
               SUM(CASE WHEN COALESCE(wo.completed_at, wo.sla_paused_at, @Now) > wo.complete_by THEN 1 ELSE 0 END) AS complete_missed
        FROM work_orders wo
        WHERE wo.created_at >= @From AND wo.created_at < @To AND wo.status <> 'Cancelled' AND (@StoreId IS NULL OR wo.store_id = @StoreId)
        GROUP BY wo.store_id
        """;

    public static async Task<IResult> Handle(HttpContext http, Db db, TimeProvider clock, DateTimeOffset? from, DateTimeOffset? to, Guid? storeId)
    {
        if (from is null) return Problems.Validation("from", Codes.Refusal.FromRequired);
        if (to is null || to <= from) return Problems.Validation("to", Codes.Refusal.ToRequired);
        var me = http.Me();
        if (me.StoreId is { } own)
        {
            if (storeId is not null && storeId != own) return Problems.Validation("storeId", Codes.Refusal.OwnStoreOnly);
            storeId = own;
        }
        var args = new { From = from.Value.ToUniversalTime(), To = to.Value.ToUniversalTime(), StoreId = storeId, Now = clock.GetUtcNow() };
        var rows = await db.InReadTransactionAsync(async (c, tx) =>
        {
            var stores = await c.QueryAsync<StoreRow>(StoresSql, args, tx);
            var orders = (await c.QueryAsync<OrdersRow>(OrdersSql, args, tx)).ToDictionary(o => o.StoreId);
            var sla = (await c.QueryAsync<SlaRow>(SlaSql, args, tx)).ToDictionary(s => s.StoreId);
            var revenue = await RevenueReport.ByStoreAsync(c, from.Value, to.Value, storeId, tx);
            return stores.Select(s =>
            {
                var o = orders.GetValueOrDefault(s.Id) ?? new OrdersRow();
                var l = sla.GetValueOrDefault(s.Id) ?? new SlaRow();
                var money = revenue.GetValueOrDefault(s.Id) ?? RevenueReport.Lines([]);
                return new StoreReportRow(s.Id, s.Code, s.Name, new StoreOrderCounts(o.Created, o.Completed, o.OpenAtEnd),
                    new StoreSlaCompliance(Compliance(l.AssignMet, l.AssignMissed), Compliance(l.OnSiteMet, l.OnSiteMissed), Compliance(l.CompleteMet, l.CompleteMissed)),
                    money, money.Sum(m => m.Amount), StockValue: null);
            }).ToArray();
        });
        return TypedResults.Ok(new StoresReportView(from.Value, to.Value, rows));
    }

    internal static SlaDeadlineCompliance Compliance(long met, long missed) =>
        new(met, missed, met + missed == 0 ? null : Math.Round((decimal)met / (met + missed), 4));

    private sealed class StoreRow
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
    }

    private sealed class OrdersRow
    {
        public Guid StoreId { get; init; }
        public long Created { get; init; }
        public long Completed { get; init; }
        public long OpenAtEnd { get; init; }
    }

    private sealed class SlaRow
    {
        public Guid StoreId { get; init; }
        public long AssignMet { get; init; }
        public long AssignMissed { get; init; }
        public long OnSiteMet { get; init; }
        public long OnSiteMissed { get; init; }
        public long CompleteMet { get; init; }
        public long CompleteMissed { get; init; }
    }
}
