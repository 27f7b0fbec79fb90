using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;

namespace RepairDispatch.Api.Stores;

public sealed class StoreOptions
{
    /// <summary>
    /// The zone of a store created without one and of headquarters (partner rates, the default job schedule). The one
    /// place the service names a zone; each store keeps its own in <c>stores.time_zone</c>.
    /// </summary>
    public string DefaultTimeZone { get; set; } = "Asia/Shanghai";
}

/// <summary>
/// A store's zone: its local days, months and midnights. Times are stored as UTC instants; a day, a month or a
/// wall-clock time is always one store's, never the server's or UTC's. Daylight saving is the zone's business:
/// a local day may be 23 or 25 hours long, so midnights are converted, never added up.
/// </summary>
public sealed class StoreZone(TimeZoneInfo zone)
{
    public string Id => zone.Id;
    public TimeZoneInfo Info => zone;

    public DateTimeOffset LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone);
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(LocalTime(instant).DateTime);

    /// <summary>yyyy-MM, the settlement period of an instant.</summary>
    public string MonthOf(DateTimeOffset instant) => Month(DayOf(instant));
    public static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The instant of a wall-clock time on a local day; a time skipped by a spring-forward counts from the jump.</summary>
    public DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var wall = day.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(wall)) wall = wall.AddMinutes(1);
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();
    }

    /// <summary>The instant the local day starts (its midnight, in UTC).</summary>
    public DateTimeOffset StartOf(DateOnly day) => At(day, TimeOnly.MinValue);
}

/// <summary>
/// The one answer to "what time, day and month is it for this store": the service's clock (TimeProvider) read in the
/// store's zone. Every rule that counts in days (numbering, warranty, settlement periods, callbacks, SLA windows,
/// schedules, day plans, reports) asks here.
/// </summary>
public sealed class StoreClock(TimeProvider clock, IOptions<StoreOptions> options)
{
    private const string ZoneSql = "SELECT time_zone FROM stores WHERE id = @Id";

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Headquarters' zone, and a new store's unless it names one.</summary>
    public StoreZone Default => Zone(options.Value.DefaultTimeZone);

    public static StoreZone Zone(string zoneId) => new(TimeZoneInfo.FindSystemTimeZoneById(zoneId));

    /// <summary>The zone of a store, or null when there is no such store.</summary>
    public static async Task<StoreZone?> FindStoreAsync(DbConnection c, DbTransaction? tx, Guid storeId) =>
        await c.ExecuteScalarAsync<string?>(ZoneSql, new { Id = storeId }, tx) is { } id ? Zone(id) : null;

    /// <summary>The zone of a store that a row refers to (a foreign key, so it exists).</summary>
    public static async Task<StoreZone> OfStoreAsync(DbConnection c, DbTransaction? tx, Guid storeId) =>
        await FindStoreAsync(c, tx, storeId) ?? throw new InvalidOperationException($"No store {storeId}.");

    public DateOnly Today(StoreZone zone) => zone.DayOf(Now);

    /// <summary>Headquarters' day: for data that belongs to no store (partner agreements, demo data).</summary>
    public DateOnly HeadquartersToday => Today(Default);
}
