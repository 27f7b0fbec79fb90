using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Stores;

/// <summary>A shop serves customers; a warehouse (headquarters' central parts stock) takes no work orders.</summary>
public enum StoreKind { Store, Warehouse }

public sealed record CreateStoreRequest(
    [property: Required, StringLength(32, MinimumLength = 1)] string Code,
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, StringLength(100, MinimumLength = 1)] string City,
    [property: Required, StringLength(400, MinimumLength = 1)] string Address,
    [property: StringLength(64)] string? TimeZone,
    [property: Range(-90, 90)] double? Lat,
    [property: Range(-180, 180)] double? Lon,
    StoreKind? Kind,
    [property: MaxLength(200)] string[]? Districts,
    [property: StringLength(8)] string? Language);

public sealed record StoreResponse(Guid Id, string Code, string Name, string City, string Address, string TimeZone, double? Lat, double? Lon, DateTimeOffset CreatedAt,
    StoreKind Kind, IReadOnlyList<string> Districts, string Language);

public static class StoreHandlers
{
    private const string InsertSql = """
        INSERT INTO stores (id, code, name, city, address, time_zone, lat, lon, created_at, kind, language, version)
        VALUES (@Id, @Code, @Name, @City, @Address, @TimeZone, @Lat, @Lon, @CreatedAt, @Kind, @Language, 1)
        """;
    private const string CodeTakenSql = "SELECT COUNT(*) FROM stores WHERE code = @Code";

    public static async Task<Results<Created<StoreResponse>, ProblemHttpResult>> Create(CreateStoreRequest request, HttpContext http, Db db, StoreClock clock)
    {
        var timeZone = request.TimeZone ?? clock.Default.Id;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            return Problems.Validation("timeZone", Codes.Refusal.UnknownTimeZone.With(clock.Default.Id));
        if (StoreDistricts.Refusal(request.Districts, request.Language) is { } refused) return refused;
        var districts = StoreDistricts.Clean(request.Districts);
        var store = new StoreResponse(Guid.CreateVersion7(), request.Code.Trim(), request.Name.Trim(), request.City.Trim(),
            request.Address.Trim(), timeZone, request.Lat, request.Lon, clock.Now, request.Kind ?? StoreKind.Store, districts, request.Language ?? StoreDistricts.DefaultLanguage);
        return await db.InTransactionAsync<Results<Created<StoreResponse>, ProblemHttpResult>>(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>(CodeTakenSql, new { store.Code }, tx) > 0)
                return Problems.Conflict("store-code-taken", Codes.Refusal.StoreCodeTaken.With(store.Code));
            await c.ExecuteAsync(InsertSql, new
            {
                store.Id, store.Code, store.Name, store.City, store.Address, store.TimeZone, store.Lat, store.Lon, store.CreatedAt,
                Kind = store.Kind.ToString(), store.Language,
            }, tx);
            if (await StoreDistricts.ClaimAsync(c, tx, store.Id, districts) is { } taken) return taken;
            http.Response.Headers.ETag = "\"1\"";
            return TypedResults.Created($"/api/v1/stores/{store.Id}", store);
        });
    }

    public static async Task<Ok<Page<StoreResponse>>> List(Db db)
    {
        await using var c = await db.OpenAsync();
        return TypedResults.Ok(new Page<StoreResponse>(await StoreReads.AllAsync(c, null), null));
    }

    public static async Task<Results<Ok<StoreResponse>, ProblemHttpResult>> Get(Guid id, HttpContext http, Db db)
    {
        await using var c = await db.OpenAsync();
        var found = await StoreReads.ByIdAsync(c, null, id);
        if (found is null) return Problems.NotFound(Codes.Thing.Store);
        http.Response.Headers.ETag = $"\"{found.Value.Version}\"";
        return TypedResults.Ok(found.Value.Store);
    }
}
