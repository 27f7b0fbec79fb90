using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Stores;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Mobile;

public sealed record CustomerContact(Guid Id, string Name, string? Phone);
public sealed record ApplianceOnSite(Guid Id, string Category, string Brand, string Model, string? SerialNumber, DateOnly? PurchaseDate);
public sealed record PreviousVisit(Guid WorkOrderId, string Number, WorkOrderType Type, DateTimeOffset CompletedAt, string Fault,
    RepairLevel? RepairLevel, string? FailedPart, string? Notes);

/// <summary>A job as the technician needs it on site: the order, who and what, and what was done to this appliance before.</summary>
public sealed record MobileJob(WorkOrderResponse Order, CustomerContact Customer, ApplianceOnSite Appliance, IReadOnlyList<PreviousVisit> PreviousVisits);

/// <summary>
/// The technician's view: jobs assigned to them that are not closed or cancelled (a completed job stays until the
/// office closes it). The list is in route order: by day, then the applied plan's sequence, then the appointment;
/// unbooked jobs last.
/// </summary>
public static class MobileJobs
{
    public const int PreviousVisitsShown = 5;

    public const string ViewFilter = "technician_id = @TechnicianId AND status NOT IN ('Closed','Cancelled')";
    private const string ViewSql = "SELECT " + WorkOrder.Columns + " FROM work_orders WHERE " + ViewFilter;
    private const string OnSiteSql = """
        SELECT w.id AS work_order_id, c.id AS customer_id, c.name AS customer_name,
               (SELECT p.phone FROM customer_phones p WHERE p.customer_id = c.id AND p.position = 0) AS phone,
               a.id AS appliance_id, a.category, m.name AS brand, a.model, a.serial_number, a.purchase_date
        FROM work_orders w JOIN customers c ON c.id = w.customer_id JOIN appliances a ON a.id = w.appliance_id
        JOIN manufacturers m ON m.id = a.manufacturer_id
        WHERE w.id IN @Ids
        """;
    private const string PreviousSql = """
        SELECT id, appliance_id, number, type, completed_at, fault_description, repair_level, failed_part, resolution_notes
        FROM work_orders WHERE appliance_id IN @ApplianceIds AND completed_at IS NOT NULL
        ORDER BY completed_at DESC
        """;

    /// <summary>The caller's jobs in route order; with a date, those booked on that (store-local) day and those not booked yet.</summary>
    public static async Task<IResult> List(HttpContext http, Db db, TimeProvider clock, DateOnly? date)
    {
        var me = http.Me();
        await using var c = await db.OpenAsync();
        var jobs = (await c.QueryAsync<WorkOrder>(ViewSql, new { me.TechnicianId })).ToList();
        if (jobs.Count > 0)
        {
            var zone = await StoreClock.OfStoreAsync(c, null, jobs[0].StoreId);
            DateOnly? DayOf(WorkOrder j) => j.AppointmentFrom is { } from ? zone.DayOf(from) : null;
            if (date is { } day) jobs = jobs.Where(j => DayOf(j) is not { } d || d == day).ToList();
            // Route order: by day, then the applied plan's sequence, then the appointment.
            jobs = [.. jobs.OrderBy(j => DayOf(j) ?? DateOnly.MaxValue).ThenBy(j => j.RouteSequence ?? long.MaxValue)
                .ThenBy(j => j.AppointmentFrom ?? DateTimeOffset.MaxValue).ThenBy(j => j.CreatedAt)];
        }
        return TypedResults.Ok(new Page<MobileJob>(await DescribeAsync(c, null, jobs, clock.GetUtcNow()), null));
    }

    /// <summary>One job of the caller; another technician's job is not found.</summary>
    public static async Task<IResult> Get(Guid id, HttpContext http, Db db, TimeProvider clock)
    {
        await using var c = await db.OpenAsync();
        var order = await WorkOrder.LoadAsync(c, null, id);
        if (order is null || !order.IsVisibleTo(http.Me())) return Problems.NotFound(Codes.Thing.Job);
        var job = (await DescribeAsync(c, null, [order], clock.GetUtcNow()))[0];
        return new WithETag(order.ETag, TypedResults.Ok(job));
    }

    public static async Task<List<MobileJob>> DescribeAsync(DbConnection c, DbTransaction? tx, IReadOnlyList<WorkOrder> orders, DateTimeOffset now)
    {
        if (orders.Count == 0) return [];
        var ids = Db.IdList(c, orders.Select(o => o.Id));
        var onSite = (await c.QueryAsync<OnSiteRow>(OnSiteSql, new { Ids = ids }, tx)).ToDictionary(r => r.WorkOrderId);
        var previous = (await c.QueryAsync<PreviousRow>(PreviousSql,
                new { ApplianceIds = Db.IdList(c, orders.Select(o => o.ApplianceId).Distinct()) }, tx))
            .ToLookup(r => r.ApplianceId);
        return orders.Select(o =>
        {
            var s = onSite[o.Id];
            return new MobileJob(WorkOrderResponse.From(o, now), new CustomerContact(s.CustomerId, s.CustomerName, s.Phone),
                new ApplianceOnSite(s.ApplianceId, s.Category, s.Brand, s.Model, s.SerialNumber, s.PurchaseDate),
                previous[o.ApplianceId].Where(p => p.Id != o.Id).Take(PreviousVisitsShown).Select(p => new PreviousVisit(p.Id, p.Number, Enum.Parse<WorkOrderType>(p.Type),
                    p.CompletedAt, p.FaultDescription, p.RepairLevel is null ? null : Enum.Parse<RepairLevel>(p.RepairLevel), p.FailedPart,
                    p.ResolutionNotes)).ToList());
        }).ToList();
    }

    private sealed class OnSiteRow
    {
        public Guid WorkOrderId { get; init; }
        public Guid CustomerId { get; init; }
        public string CustomerName { get; init; } = "";
        public string? Phone { get; init; }
        public Guid ApplianceId { get; init; }
        public string Category { get; init; } = "";
        public string Brand { get; init; } = "";
        public string Model { get; init; } = "";
        public string? SerialNumber { get; init; }
        public DateOnly? PurchaseDate { get; init; }
    }

    private sealed class PreviousRow
    {
        public Guid Id { get; init; }
        public Guid ApplianceId { get; init; }
        public string Number { get; init; } = "";
        public string Type { get; init; } = "";
        public DateTimeOffset CompletedAt { get; init; }
        public string FaultDescription { get; init; } = "";
        public string? RepairLevel { get; init; }
        public string? FailedPart { get; init; }
        public string? ResolutionNotes { get; init; }
    }
}
