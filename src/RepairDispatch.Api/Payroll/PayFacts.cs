using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Customers;
using RepairDispatch.Api.WorkOrders;

namespace RepairDispatch.Api.Payroll;

public sealed record JobFact(Guid Id, string Number, WorkOrderType Type, ApplianceCategory Category, RepairLevel? Level, Payer Payer,
    Guid LeadId, DateOnly CompletedOn, bool OnTime, Guid? HelperId, int HelperShare, int Units);
public sealed record BonusFact(Guid TechnicianId, Guid? WorkOrderId, string? Number, DateOnly On);
public sealed record ReworkFact(Guid TechnicianId, Guid WorkOrderId, string Number, string ReworkNumber, DateOnly On);
public sealed record ComplaintFact(Guid Id, Guid TechnicianId, Guid? WorkOrderId, string? Number, DateOnly On);
public sealed record OldPartFact(Guid Id, Guid TechnicianId, Guid WorkOrderId, string Number, string Tag, DateOnly DueOn);

/// <summary>What a store's month of pay is made of, read from the orders, callbacks, complaints and old parts.</summary>
public sealed record PayFacts(IReadOnlyList<JobFact> Jobs, IReadOnlyList<BonusFact> FiveStars, IReadOnlyList<ReworkFact> Reworks,
    IReadOnlyList<ComplaintFact> Complaints, IReadOnlyList<OldPartFact> LateParts)
{
    private const string Ours = "SELECT id FROM technicians WHERE store_id = @StoreId";
    // A job is paid in the month it was completed (the order's completed_period), to its lead and helper.
    private const string JobsSql = """
        SELECT o.id, o.number, o.type, a.category, o.repair_level, o.payer, o.technician_id AS lead_id, o.completed_at, o.on_site_at, o.on_site_by,
               h.technician_id AS helper_id, h.share_percent,
               (SELECT COUNT(*) FROM sales_order_units u WHERE u.installation_order_id = o.id) AS units
        FROM work_orders o JOIN appliances a ON a.id = o.appliance_id
        LEFT JOIN work_order_helpers h ON h.work_order_id = o.id
        WHERE o.completed_period = @Period AND o.status IN ('Completed','Closed') AND o.technician_id IS NOT NULL
          AND (o.technician_id IN (SELECT id FROM technicians WHERE store_id = @StoreId)
               OR h.technician_id IN (SELECT id FROM technicians WHERE store_id = @StoreId))
        """;
    private const string FiveStarsSql = """
        SELECT o.technician_id, o.id AS work_order_id, o.number, cb.done_at AS at
        FROM callbacks cb JOIN work_orders o ON o.id = cb.work_order_id
        WHERE cb.status = 'Done' AND cb.satisfaction = 5 AND cb.done_at >= @From AND cb.done_at < @To
          AND o.technician_id IN (SELECT id FROM technicians WHERE store_id = @StoreId)
        """;
    private const string ReworksSql = """
        SELECT x.technician_id, x.id AS work_order_id, x.number, r.number AS rework_number, r.created_at, x.completed_at
        FROM work_orders r JOIN work_orders x ON x.id = r.rework_of_id
        WHERE r.created_at >= @From AND r.created_at < @To AND x.completed_at IS NOT NULL
          AND x.technician_id IN (SELECT id FROM technicians WHERE store_id = @StoreId)
        """;
    private const string ComplaintsSql = """
        SELECT cp.id, COALESCE(cp.technician_id, o.technician_id) AS technician_id, cp.work_order_id, o.number, cp.resolved_at
        FROM complaints cp LEFT JOIN work_orders o ON o.id = cp.work_order_id
        WHERE cp.upheld = 1 AND cp.resolved_at >= @From AND cp.resolved_at < @To
          AND COALESCE(cp.technician_id, o.technician_id) IN (SELECT id FROM technicians WHERE store_id = @StoreId)
        """;
    // Late is the day after the due day; the part is late when it was not checked in at the store by the end of the due day.
    private const string LatePartsSql = """
        SELECT op.id, op.technician_id, op.work_order_id, o.number, op.tag, op.due_on, op.checked_in_at
        FROM old_parts op JOIN work_orders o ON o.id = op.work_order_id
        WHERE op.return_required = 1 AND op.due_on >= @DueFrom AND op.due_on < @DueTo
          AND op.technician_id IN (SELECT id FROM technicians WHERE store_id = @StoreId)
        """;

    public static async Task<PayFacts> LoadAsync(DbConnection c, DbTransaction? tx, Guid storeId, string period, Stores.StoreZone zone, DateOnly today)
    {
        var first = DateOnly.ParseExact(period + "-01", "yyyy-MM-dd");
        var next = first.AddMonths(1);
        var args = new { StoreId = storeId, Period = period, From = zone.StartOf(first), To = zone.StartOf(next), DueFrom = first.AddDays(-1), DueTo = next.AddDays(-1) };
        var jobs = (await c.QueryAsync<JobRow>(JobsSql, args, tx)).Select(j => new JobFact(j.Id, j.Number, j.Type, j.Category, j.RepairLevel, j.Payer,
            j.LeadId, zone.DayOf(j.CompletedAt), j.OnSiteAt is { } at && at <= j.OnSiteBy, j.HelperId, (int)(j.SharePercent ?? 0), (int)Math.Max(1, j.Units))).ToList();
        var stars = (await c.QueryAsync<EventRow>(FiveStarsSql, args, tx)).Select(r => new BonusFact(r.TechnicianId, r.WorkOrderId, r.Number, zone.DayOf(r.At)))
            .DistinctBy(b => b.WorkOrderId).ToList();
        var reworks = (await c.QueryAsync<ReworkRow>(ReworksSql, args, tx))
            .Where(r => zone.DayOf(r.CreatedAt).DayNumber - zone.DayOf(r.CompletedAt).DayNumber <= 30)
            .OrderBy(r => r.CreatedAt).DistinctBy(r => r.WorkOrderId)
            .Select(r => new ReworkFact(r.TechnicianId, r.WorkOrderId, r.Number, r.ReworkNumber, zone.DayOf(r.CreatedAt))).ToList();
        var complaints = (await c.QueryAsync<ComplaintRow>(ComplaintsSql, args, tx))
            .Select(r => new ComplaintFact(r.Id, r.TechnicianId, r.WorkOrderId, r.Number, zone.DayOf(r.ResolvedAt))).ToList();
        var late = (await c.QueryAsync<PartRow>(LatePartsSql, args, tx))
            .Where(p => p.DueOn < today && (p.CheckedInAt is not { } inAt || zone.DayOf(inAt) > p.DueOn))
            .Select(p => new OldPartFact(p.Id, p.TechnicianId, p.WorkOrderId, p.Number, p.Tag, p.DueOn)).ToList();
        return new PayFacts(jobs, stars, reworks, complaints, late);
    }

    private sealed class JobRow
    {
        public Guid Id { get; init; }
        public string Number { get; init; } = "";
        public WorkOrderType Type { get; init; }
        public ApplianceCategory Category { get; init; }
        public RepairLevel? RepairLevel { get; init; }
        public Payer Payer { get; init; }
        public Guid LeadId { get; init; }
        public DateTimeOffset CompletedAt { get; init; }
        public DateTimeOffset? OnSiteAt { get; init; }
        public DateTimeOffset OnSiteBy { get; init; }
        public Guid? HelperId { get; init; }
        public long? SharePercent { get; init; }
        public long Units { get; init; }
    }

    private sealed class EventRow
    {
        public Guid TechnicianId { get; init; }
        public Guid WorkOrderId { get; init; }
        public string Number { get; init; } = "";
        public DateTimeOffset At { get; init; }
    }

    private sealed class ReworkRow
    {
        public Guid TechnicianId { get; init; }
        public Guid WorkOrderId { get; init; }
        public string Number { get; init; } = "";
        public string ReworkNumber { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset CompletedAt { get; init; }
    }

    private sealed class ComplaintRow
    {
        public Guid Id { get; init; }
        public Guid TechnicianId { get; init; }
        public Guid? WorkOrderId { get; init; }
        public string? Number { get; init; }
        public DateTimeOffset ResolvedAt { get; init; }
    }

    private sealed class PartRow
    {
        public Guid Id { get; init; }
        public Guid TechnicianId { get; init; }
        public Guid WorkOrderId { get; init; }
        public string Number { get; init; } = "";
        public string Tag { get; init; } = "";
        public DateOnly DueOn { get; init; }
        public DateTimeOffset? CheckedInAt { get; init; }
    }
}
