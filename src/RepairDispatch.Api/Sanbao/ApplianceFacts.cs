using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Contracts;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Sanbao;

/// <summary>The facts of <see cref="Entitlement"/> as this response shows them.</summary>
public sealed record EntitlementFactsView(DateOnly? InvoiceDate, int RepairsForSameFault, int DaysInRepair, int DaysWaitingForParts, int Exchanges);

/// <summary>
/// Reads one appliance's 三包 facts from its orders and their status events, so orders from before the facts were
/// named count too: days in repair run from an order's creation to its first Completed (or now), days waiting for
/// parts from each move into AwaitingParts to the next move out (or now), both in the store's local days.
/// </summary>
public static class ApplianceFacts
{
    private const string ApplianceSql = """
        SELECT a.id, a.manufacturer_id, a.category, a.purchase_date, a.commercial_use, a.left_registry_on, c.store_id, s.time_zone
        FROM appliances a JOIN customers c ON c.id = a.customer_id JOIN stores s ON s.id = c.store_id
        WHERE a.id = @Id
        """;
    private const string OrdersSql = """
        SELECT id, status, created_at, in_warranty, fault_code, rework_of_id FROM work_orders
        WHERE appliance_id = @Id AND type = 'Repair' AND status <> 'Cancelled'
        ORDER BY created_at
        """;
    private const string EventsSql = """
        SELECT e.work_order_id, e.at, e.from_status, e.to_status FROM work_order_events e
        JOIN work_orders w ON w.id = e.work_order_id
        WHERE w.appliance_id = @Id AND e.to_status IS NOT NULL
        ORDER BY e.at
        """;
    private const string ReplacedSql = "SELECT id FROM appliances WHERE replaced_by_id = @Id";
    private const string ExclusionsSql = """
        SELECT x.kind FROM work_order_exclusions x JOIN work_orders w ON w.id = x.work_order_id WHERE w.appliance_id = @Id
        """;

    public sealed class ApplianceRow
    {
        public Guid Id { get; init; }
        public Guid ManufacturerId { get; init; }
        public string Category { get; init; } = "";
        public DateOnly? PurchaseDate { get; init; }
        public bool CommercialUse { get; init; }
        public DateOnly? LeftRegistryOn { get; init; }
        public Guid StoreId { get; init; }
        public string TimeZone { get; init; } = "";
    }

    private sealed class OrderRow
    {
        public Guid Id { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public bool InWarranty { get; init; }
        public string? FaultCode { get; init; }
        public Guid? ReworkOfId { get; init; }
    }

    private sealed class EventRow
    {
        public Guid WorkOrderId { get; init; }
        public DateTimeOffset At { get; init; }
        public string? FromStatus { get; init; }
        public string? ToStatus { get; init; }
    }

    public sealed record Read(ApplianceRow Appliance, SanbaoFacts Facts, DateOnly Today)
    {
        public EntitlementAnswer Decide() => Entitlement.Decide(Facts, Today);
        public EntitlementFactsView View(EntitlementAnswer a) =>
            new(Facts.InvoiceDate, a.RepairsForSameFault, a.DaysInRepair, a.DaysWaitingForParts, Facts.Exchanges);
    }

    public static Task<ApplianceRow?> FindAsync(DbConnection c, DbTransaction? tx, Guid id) =>
        c.QuerySingleOrDefaultAsync<ApplianceRow>(ApplianceSql, new { Id = id }, tx);

    public static async Task<Read> ReadAsync(DbConnection c, DbTransaction? tx, ApplianceRow a, DateTimeOffset now)
    {
        var zone = StoreClock.Zone(a.TimeZone);
        var today = zone.DayOf(now);
        var orders = (await c.QueryAsync<OrderRow>(OrdersSql, new { a.Id }, tx)).ToList();
        var events = (await c.QueryAsync<EventRow>(EventsSql, new { a.Id }, tx)).ToLookup(e => e.WorkOrderId);
        var exclusions = (await c.QueryAsync<string>(ExclusionsSql, new { a.Id }, tx)).Select(Enum.Parse<ExclusionKind>).ToList();
        if (a.CommercialUse) exclusions.Add(ExclusionKind.CommercialUse);
        var contract = await ContractLookup.CoveringAsync(c, tx, a.ManufacturerId, a.Category, today);
        var months = (contract?.Warranty ?? WarrantyTerms.Default).WholeUnitMonths;

        var faultKey = FaultKeys(orders);
        var repairs = orders.Select(o => Repair(o, events[o.Id].ToList(), faultKey(o), zone, now)).ToList();
        var open = orders.FirstOrDefault(o => !IsDone(o.Status));
        var facts = new SanbaoFacts(a.PurchaseDate, open is null ? null : zone.DayOf(open.CreatedAt), months, repairs, exclusions,
            await ExchangesAsync(c, tx, a.Id), a.LeftRegistryOn is not null);
        return new Read(a, facts, today);
    }

    /// <summary>How many exchanges led to this unit: the chain of units it replaced (a handful at most).</summary>
    private static async Task<int> ExchangesAsync(DbConnection c, DbTransaction? tx, Guid id)
    {
        var count = 0;
        while (await c.QueryFirstOrDefaultAsync<Guid?>(ReplacedSql, new { Id = id }, tx) is { } before && count < 100) (id, count) = (before, count + 1);
        return count;
    }

    private static bool IsDone(string status) => status is nameof(WorkOrderStatus.Completed) or nameof(WorkOrderStatus.Closed);

    /// <summary>
    /// The fault code; without one, a rework (reopened within 30 days) is the same fault as the order it reworks, so an
    /// uncoded order that was reworked and its reworks share the first order's key. Otherwise unknown (null): not counted.
    /// </summary>
    private static Func<OrderRow, string?> FaultKeys(IReadOnlyList<OrderRow> orders)
    {
        var reworked = orders.Where(o => o.ReworkOfId is not null).Select(o => o.ReworkOfId!.Value).ToHashSet();
        var keys = new Dictionary<Guid, string?>();
        return o => keys[o.Id] = Normalise(o.FaultCode)
            ?? (o.ReworkOfId is { } of && keys.TryGetValue(of, out var earlier) ? earlier : null)
            ?? (reworked.Contains(o.Id) ? $"rework:{o.Id}" : null);
    }

    public static string? Normalise(string? faultCode) => string.IsNullOrWhiteSpace(faultCode) ? null : faultCode.Trim().ToUpperInvariant();

    private static SanbaoRepair Repair(OrderRow o, List<EventRow> events, string? key, StoreZone zone, DateTimeOffset now)
    {
        var completedAt = events.FirstOrDefault(e => e.ToStatus == nameof(WorkOrderStatus.Completed))?.At;
        var waiting = 0;
        DateTimeOffset? since = null;
        foreach (var e in events)
        {
            if (e.ToStatus == nameof(WorkOrderStatus.AwaitingParts)) since ??= e.At;
            else if (since is { } start && e.FromStatus == nameof(WorkOrderStatus.AwaitingParts))
                (waiting, since) = (waiting + Days(zone, start, e.At), null);
        }
        if (since is { } stillWaiting) waiting += Days(zone, stillWaiting, now);
        return new SanbaoRepair(key, completedAt is not null, o.InWarranty, Days(zone, o.CreatedAt, completedAt ?? now), waiting);
    }

    private static int Days(StoreZone zone, DateTimeOffset from, DateTimeOffset to) => zone.DayOf(to).DayNumber - zone.DayOf(from).DayNumber;
}
