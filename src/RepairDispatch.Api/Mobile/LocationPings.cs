using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.WorkOrders;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Mobile;

public sealed record LocationPing([property: Required, Range(-90.0, 90.0)] double? Lat, [property: Required, Range(-180.0, 180.0)] double? Lon,
    [property: Required] DateTimeOffset? At);

public sealed record LocationPingsRequest([property: Required, MinLength(1), MaxLength(LocationPings.MaxPerRequest)] List<LocationPing> Points);

public sealed record LocationPingsResponse(int Received);

/// <summary>
/// Optional location pings from the technician's phone, sent in batches. Stored compactly (1e-5 degrees as integers,
/// one row per technician and instant, a repeat is ignored) and deleted after the retention period
/// (<see cref="MobileOptions.LocationRetentionDays"/>) by the retention sweep.
/// </summary>
public static class LocationPings
{
    public const int MaxPerRequest = 500;

    // The same point twice (a retried batch) is ignored rather than refused.
    private const string InsertSql = """
        INSERT INTO technician_locations (technician_id, recorded_at, lat_e5, lon_e5)
        SELECT @TechnicianId, @At, @LatE5, @LonE5
        WHERE NOT EXISTS (SELECT 1 FROM technician_locations WHERE technician_id = @TechnicianId AND recorded_at = @At)
        """;

    public static async Task<IResult> Post(LocationPingsRequest request, HttpContext http, Db db, TimeProvider clock)
    {
        var me = http.Me();
        var now = clock.GetUtcNow();
        for (var i = 0; i < request.Points.Count; i++)
            if (ClientTime.Check(request.Points[i].At, now) is not null)
                return Problems.Validation($"points[{i}].at", Codes.Refusal.PingTime);
        await db.InTransactionAsync(async (c, tx) =>
        {
            await StoreAsync(c, tx, me.TechnicianId!.Value, request.Points);
            return 0;
        });
        return TypedResults.Ok(new LocationPingsResponse(request.Points.Count));
    }

    public static Task StoreAsync(DbConnection c, DbTransaction tx, Guid technicianId, IEnumerable<LocationPing> points) =>
        c.ExecuteAsync(InsertSql, points.Select(p => new
        {
            TechnicianId = technicianId, At = p.At!.Value.ToUniversalTime(),
            LatE5 = (int)Math.Round(p.Lat!.Value * 100_000), LonE5 = (int)Math.Round(p.Lon!.Value * 100_000),
        }), tx);
}
