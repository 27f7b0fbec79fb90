using System.ComponentModel.DataAnnotations;
using Dapper;
using RepairDispatch.Api.Auth;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Dispatch;

public sealed record DispatchSettingsRequest(
    [property: Required, Range(1.0, 3.0)] double? RoadFactor,
    [property: Required, Range(5.0, 120.0)] double? CitySpeedKmh,
    [property: Required] bool? AutoDispatch);

public sealed record DispatchSettingsView(Guid StoreId, double RoadFactor, double CitySpeedKmh, bool AutoDispatch);

/// <summary>A store's travel model (road factor, city speed) and whether new orders go to the best candidate at once.</summary>
public static class DispatchSettings
{
    private const string UpdateSql = "UPDATE stores SET road_factor = @RoadFactor, city_speed_kmh = @CitySpeedKmh, auto_dispatch = @AutoDispatch WHERE id = @StoreId";

    public static async Task<IResult> Get(Guid storeId, HttpContext http, Db db)
    {
        if (!http.Me().SeesStore(storeId)) return Problems.NotFound(Codes.Thing.Store);
        await using var c = await db.OpenAsync();
        return await Roster.StoreAsync(c, null, storeId) is { } s
            ? TypedResults.Ok(new DispatchSettingsView(s.Id, s.RoadFactor, s.CitySpeedKmh, s.AutoDispatch)) : Problems.NotFound(Codes.Thing.Store);
    }

    public static async Task<IResult> Put(Guid storeId, DispatchSettingsRequest request, HttpContext http, Db db)
    {
        if (!http.Me().SeesStore(storeId)) return Problems.NotFound(Codes.Thing.Store);
        var changed = await db.InTransactionAsync((c, tx) => c.ExecuteAsync(UpdateSql, new
        {
            StoreId = storeId, request.RoadFactor, request.CitySpeedKmh, request.AutoDispatch,
        }, tx));
        return changed == 0 ? Problems.NotFound(Codes.Thing.Store)
            : TypedResults.Ok(new DispatchSettingsView(storeId, request.RoadFactor!.Value, request.CitySpeedKmh!.Value, request.AutoDispatch!.Value));
    }
}
