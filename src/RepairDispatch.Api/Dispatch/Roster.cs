using System.Data.Common;
using System.Globalization;
using Dapper;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Technicians;

namespace RepairDispatch.Api.Dispatch;

/// <summary>A store's technicians as dispatch sees them: skills, certifications, areas, hours, home, capacity.</summary>
public sealed class RosterTechnician
{
    public Guid Id { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public long DailyCapacity { get; init; }
    public double? StartLat { get; init; }
    public double? StartLon { get; init; }
    public string ShiftFrom { get; init; } = "";
    public string ShiftTo { get; init; } = "";
    public string WorkDays { get; init; } = "";
    public bool Active { get; init; }
    public HashSet<string> Skills { get; } = [];
    public HashSet<Guid> Certifications { get; } = [];
    public HashSet<string> Districts { get; } = new(StringComparer.OrdinalIgnoreCase);

    public GeoPoint? Home => StartLat is { } lat && StartLon is { } lon ? new GeoPoint(lat, lon) : null;
    public TimeSpan ShiftStart => TimeSpan.ParseExact(ShiftFrom, @"hh\:mm", CultureInfo.InvariantCulture);
    public TimeSpan ShiftEnd => TimeSpan.ParseExact(ShiftTo, @"hh\:mm", CultureInfo.InvariantCulture);
    /// <summary>Works that day by default: the calendar's holidays and make-up working days, else the technician's weekdays.</summary>
    public bool WorksOn(DateOnly day, Calendar.WorkingDays calendar) =>
        calendar.TechnicianWorks(day, weekday => WorkDays.Split(',').Contains(weekday.ToString()[..3]));
}

/// <summary>The store's facts dispatch needs: its zone and travel settings, the roster, and a day's booked work.</summary>
public static class Roster
{
    private const string StoreSql = "SELECT id, time_zone, lat, lon, road_factor, city_speed_kmh, auto_dispatch FROM stores WHERE id = @StoreId";
    // Who works for the store that day: its own technicians not lent out, and those lent to it (Technicians/TechnicianLoans).
    private const string Member = """
        ((t.store_id = @StoreId AND NOT EXISTS (SELECT 1 FROM technician_loans l WHERE l.technician_id = t.id AND l.state = 'Active'
                                                AND l.from_day <= @Day AND l.to_day >= @Day))
         OR EXISTS (SELECT 1 FROM technician_loans l WHERE l.technician_id = t.id AND l.to_store_id = @StoreId AND l.state = 'Active'
                    AND l.from_day <= @Day AND l.to_day >= @Day))
        """;
    private const string TechniciansSql = """
        SELECT t.id, t.code, t.name, t.daily_capacity, t.start_lat, t.start_lon, t.shift_from, t.shift_to, t.work_days, t.active
        FROM technicians t WHERE
        """ + Member + " ORDER BY t.code";
    private const string SkillsSql = """
        SELECT s.technician_id AS id, s.category AS value FROM technician_skills s JOIN technicians t ON t.id = s.technician_id WHERE
        """ + Member;
    private const string CertificationsSql = """
        SELECT c.technician_id AS id, CAST(c.manufacturer_id AS VARCHAR(36)) AS value FROM technician_certifications c JOIN technicians t ON t.id = c.technician_id
        WHERE
        """ + Member;
    private const string DistrictsSql = """
        SELECT d.technician_id AS id, d.district AS value FROM technician_districts d JOIN technicians t ON t.id = d.technician_id
        WHERE
        """ + Member;

    public static Task<StoreDispatch?> StoreAsync(DbConnection c, DbTransaction? tx, Guid storeId) =>
        c.QuerySingleOrDefaultAsync<StoreDispatch>(StoreSql, new { StoreId = storeId }, tx);

    /// <param name="day">The store's local day: a technician lent to another store that day works there, not here.</param>
    public static async Task<List<RosterTechnician>> TechniciansAsync(DbConnection c, DbTransaction? tx, Guid storeId, DateOnly day)
    {
        var args = new { StoreId = storeId, Day = day };
        var technicians = (await c.QueryAsync<RosterTechnician>(TechniciansSql, args, tx)).ToDictionary(t => t.Id);
        foreach (var s in await c.QueryAsync<Pair>(SkillsSql, args, tx)) technicians[s.Id].Skills.Add(s.Value);
        foreach (var s in await c.QueryAsync<Pair>(CertificationsSql, args, tx)) technicians[s.Id].Certifications.Add(Guid.Parse(s.Value));
        foreach (var s in await c.QueryAsync<Pair>(DistrictsSql, args, tx)) technicians[s.Id].Districts.Add(s.Value);
        return [.. technicians.Values];
    }

    private sealed class Pair
    {
        public Guid Id { get; init; }
        public string Value { get; init; } = "";
    }
}

public sealed class StoreDispatch
{
    public Guid Id { get; init; }
    public string TimeZone { get; init; } = "";
    public double? Lat { get; init; }
    public double? Lon { get; init; }
    public double RoadFactor { get; init; }
    public double CitySpeedKmh { get; init; }
    public bool AutoDispatch { get; init; }

    public Stores.StoreZone Zone => Stores.StoreClock.Zone(TimeZone);
    public GeoPoint Location => new(Lat ?? 31.2304, Lon ?? 121.4737);
    public StoreTravel Travel => new(Id, RoadFactor, CitySpeedKmh);

    /// <summary>The UTC instant a store-local time of a day stands for.</summary>
    public DateTimeOffset At(DateOnly day, TimeSpan time) => Zone.At(day, TimeOnly.FromTimeSpan(time));

    public DateOnly DayOf(DateTimeOffset utc) => Zone.DayOf(utc);
}
