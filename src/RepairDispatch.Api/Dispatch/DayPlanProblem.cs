using System.Data.Common;
using System.Globalization;
using Dapper;
using RepairDispatch.Api.Contracts;
using RepairDispatch.Api.Technicians;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Planning;

namespace RepairDispatch.Api.Dispatch;

/// <summary>
/// Turns a store's day into the optimiser's problem: technicians working that day (skills, certifications, shift,
/// lunch, home, capacity) and the day's booked visits (window, duration, what they need). Times are seconds from the
/// store's midnight. New and Assigned visits may go to anyone qualified; an Accepted one stays with its technician;
/// started ones (EnRoute, OnSite) stay first on their technician's route.
/// </summary>
public sealed class DayPlanProblem
{
    private sealed class VisitRow
    {
        public Guid Id { get; init; }
        public string Number { get; init; } = "";
        public string Type { get; init; } = "";
        public string Status { get; init; } = "";
        public string Category { get; init; } = "";
        public Guid ManufacturerId { get; init; }
        public string Payer { get; init; } = "";
        public Guid? ContractId { get; init; }
        public Guid? TechnicianId { get; init; }
        public double? Lat { get; init; }
        public double? Lon { get; init; }
        public DateTimeOffset? AppointmentFrom { get; init; }
        public DateTimeOffset? AppointmentTo { get; init; }
    }

    private const string OneVisitSql = """
        SELECT w.id, w.number, w.type, w.status, a.category, a.manufacturer_id, w.payer, w.contract_id, w.technician_id, w.lat, w.lon,
               w.appointment_from, w.appointment_to
        FROM work_orders w JOIN appliances a ON a.id = w.appliance_id WHERE w.id = @Id
        """;
    private const string VisitsSql = """
        SELECT w.id, w.number, w.type, w.status, a.category, a.manufacturer_id, w.payer, w.contract_id, w.technician_id, w.lat, w.lon,
               w.appointment_from, w.appointment_to
        FROM work_orders w JOIN appliances a ON a.id = w.appliance_id
        WHERE w.store_id = @StoreId AND w.installer_partner_id IS NULL AND w.status IN ('New','Assigned','Accepted','EnRoute','OnSite')
          AND w.appointment_from >= @DayStart AND w.appointment_from < @DayEnd
        ORDER BY CASE w.status WHEN 'OnSite' THEN 0 WHEN 'EnRoute' THEN 1 ELSE 2 END, w.appointment_from, w.number
        """;

    public required PlanningProblem Problem { get; init; }
    public required StoreDispatch Store { get; init; }
    public required DateOnly Day { get; init; }
    public required IReadOnlyDictionary<string, string> TechnicianNames { get; init; }
    public required IReadOnlyDictionary<string, string> OrderNumbers { get; init; }

    public DateTimeOffset At(double secondsFromMidnight) => Store.At(Day, TimeSpan.Zero).AddSeconds(secondsFromMidnight);

    /// <param name="unbooked">An order to add though it has no appointment that day (an urgent call): its window is from
    /// <paramref name="now"/> to the end of the day.</param>
    public static async Task<DayPlanProblem> BuildAsync(DbConnection c, DbTransaction? tx, StoreDispatch store, DateOnly day,
        DispatchOptions options, ITravelTimesProvider travel, Guid? unbooked = null, DateTimeOffset? now = null)
    {
        var midnight = store.At(day, TimeSpan.Zero);
        var rows = (await c.QueryAsync<VisitRow>(VisitsSql, new { StoreId = store.Id, DayStart = midnight, DayEnd = store.At(day.AddDays(1), TimeSpan.Zero) }, tx))
            .ToList();
        // Someone already on the way to a job works today, whatever their usual days.
        var onTheRoad = rows.Where(r => r.Status is nameof(WorkOrderStatus.EnRoute) or nameof(WorkOrderStatus.OnSite)).Select(r => r.TechnicianId).ToHashSet();
        var calendar = await Calendar.CalendarYears.LoadAsync(c, tx, day.Year, day.Year);
        var technicians = (await Roster.TechniciansAsync(c, tx, store.Id, day))
            .Where(t => t.Active && (t.WorksOn(day, calendar) || onTheRoad.Contains(t.Id))).ToList();
        if (unbooked is { } extra && rows.All(r => r.Id != extra)
            && await c.QuerySingleOrDefaultAsync<VisitRow>(OneVisitSql, new { Id = extra }, tx) is { } call)
            rows.Add(new VisitRow
            {
                Id = call.Id, Number = call.Number, Type = call.Type, Status = call.Status, Category = call.Category, ManufacturerId = call.ManufacturerId,
                Payer = call.Payer, ContractId = call.ContractId, TechnicianId = call.TechnicianId, Lat = call.Lat, Lon = call.Lon,
                AppointmentFrom = now ?? midnight, AppointmentTo = store.At(day.AddDays(1), TimeSpan.Zero),
            });
        var points = new List<GeoPoint>();
        int Node(GeoPoint p) { points.Add(p); return points.Count - 1; }
        double Seconds(DateTimeOffset t) => (t - midnight).TotalSeconds;
        // Wall-clock times become seconds since midnight through the zone: a day with a DST change is 23 or 25 hours long.
        double WallClock(TimeSpan time) => Seconds(store.At(day, time));
        var lunch = (Earliest: WallClock(Clock(options.LunchEarliest)), Latest: WallClock(Clock(options.LunchLatest)));

        var vehicles = technicians.Select(t =>
        {
            var home = Node(t.Home ?? store.Location);
            var skills = t.Skills.Concat(t.Certifications.Select(m => "cert:" + m)).Append("tech:" + t.Id).ToHashSet();
            return new PlanVehicle(t.Id.ToString(), home, home, WallClock(t.ShiftStart), WallClock(t.ShiftEnd), (int)t.DailyCapacity, skills,
                new PlanBreak(lunch.Earliest, lunch.Latest, options.LunchMinutes * 60));
        }).ToList();
        var visits = new List<PlanVisit>();
        foreach (var v in rows)
        {
            var needs = new HashSet<string> { v.Category };
            if (v.Payer == nameof(Payer.Manufacturer) && v.ContractId is { } contract
                && await ContractLookup.ByIdAsync(c, tx, contract, v.Category) is { CertificationRequired: true })
                needs.Add("cert:" + v.ManufacturerId);
            var started = v.Status is nameof(WorkOrderStatus.EnRoute) or nameof(WorkOrderStatus.OnSite);
            if (v.Status == nameof(WorkOrderStatus.Accepted) && v.TechnicianId is { } accepted) needs.Add("tech:" + accepted);
            var site = v.Lat is { } lat && v.Lon is { } lon ? new GeoPoint(lat, lon) : store.Location;
            visits.Add(new PlanVisit(v.Id.ToString(), Node(site), Seconds(v.AppointmentFrom!.Value), Seconds(v.AppointmentTo!.Value),
                options.ServiceMinutes(Enum.Parse<WorkOrderType>(v.Type), v.Category) * 60, 1, needs,
                started ? v.TechnicianId?.ToString() : null));
        }
        return new DayPlanProblem
        {
            Problem = new PlanningProblem(vehicles, visits, new TravelMatrix(points, travel.For(store.Travel))),
            Store = store, Day = day,
            TechnicianNames = technicians.ToDictionary(t => t.Id.ToString(), t => t.Name),
            OrderNumbers = rows.ToDictionary(r => r.Id.ToString(), r => r.Number),
        };
    }

    private static TimeSpan Clock(string hhmm) => TimeSpan.ParseExact(hhmm, @"hh\:mm", CultureInfo.InvariantCulture);
}
