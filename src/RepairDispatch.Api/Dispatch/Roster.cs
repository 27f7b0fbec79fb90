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
    private const string TechniciansSql = """
        SELECT id, code, name, daily_capacity, start_lat, start_lon, shift_from, shift_to, work_days, active
        FROM technicians WHERE store_id = @StoreId ORDER BY code
        """;
    private const string SkillsSql = """
        SELECT s.technician_id AS id, s.category AS value FROM technician_skills s JOIN technicians t ON t.id = s.technician_id WHERE t.store_id = @StoreId
        """;
    private const string CertificationsSql = """
        SELECT c.technician_id AS id, CAST(c.manufacturer_id AS VARCHAR(36)) AS value FROM technician_certifications c JOIN technicians t ON t.id = c.technician_id
        WHERE t.store_id = @StoreId
        """;
    private const string DistrictsSql = """
        SELECT d.technician_id AS id, d.district AS value FROM technician_districts d JOIN technicians t ON t.id = d.technician_id
        WHERE t.store_id = @StoreId
        """;

    public static Task<StoreDispatch?> StoreAsync(DbConnection c, DbTransaction? tx, Guid storeId) =>
        c.QuerySingleOrDefaultAsync<StoreDispatch>(StoreSql, new { StoreId = storeId }, tx);

    public static async Task<List<RosterTechnician>> TechniciansAsync(DbConnection c, DbTransaction? tx, Guid storeId)
    {
        var args = new { StoreId = storeId };
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
