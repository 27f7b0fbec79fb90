using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using RepairDispatch.Api.Infrastructure;
using RepairDispatch.Api.Texts;

namespace RepairDispatch.Api.Stores;

public sealed record CreateStoreRequest(
    [property: Required, StringLength(32, MinimumLength = 1)] string Code,
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, StringLength(100, MinimumLength = 1)] string City,
    [property: Required, StringLength(400, MinimumLength = 1)] string Address,
    [property: StringLength(64)] string? TimeZone,
    [property: Range(-90, 90)] double? Lat,
    [property: Range(-180, 180)] double? Lon);

public sealed record StoreResponse(Guid Id, string Code, string Name, string City, string Address, string TimeZone, double? Lat, double? Lon, DateTimeOffset CreatedAt);

public static class StoreHandlers
{
    private const string Columns = "id, code, name, city, address, time_zone, lat, lon, created_at";
    private const string InsertSql = """
        INSERT INTO stores (id, code, name, city, address, time_zone, lat, lon, created_at)
        VALUES (@Id, @Code, @Name, @City, @Address, @TimeZone, @Lat, @Lon, @CreatedAt)
        """;
    private const string CodeTakenSql = "SELECT COUNT(*) FROM stores WHERE code = @Code";
    private const string ListSql = "SELECT " + Columns + " FROM stores ORDER BY code";
    private const string GetSql = "SELECT " + Columns + " FROM stores WHERE id = @Id";

    public static async Task<Results<Created<StoreResponse>, ProblemHttpResult>> Create(CreateStoreRequest request, Db db, StoreClock clock)
    {
        var timeZone = request.TimeZone ?? clock.Default.Id;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            return Problems.Validation("timeZone", Codes.Refusal.UnknownTimeZone.With(clock.Default.Id));
        var store = new StoreResponse(Guid.CreateVersion7(), request.Code.Trim(), request.Name.Trim(), request.City.Trim(),
            request.Address.Trim(), timeZone, request.Lat, request.Lon, clock.Now);
        return await db.InTransactionAsync<Results<Created<StoreResponse>, ProblemHttpResult>>(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<long>(CodeTakenSql, new { store.Code }, tx) > 0)
                return Problems.Conflict("store-code-taken", Codes.Refusal.StoreCodeTaken.With(store.Code));
            await c.ExecuteAsync(InsertSql, store, tx);
            return TypedResults.Created($"/api/v1/stores/{store.Id}", store);
        });
    }

    public static async Task<Ok<Page<StoreResponse>>> List(Db db)
    {
        await using var c = await db.OpenAsync();
        var rows = (await c.QueryAsync<StoreRow>(ListSql)).Select(r => r.ToResponse()).ToList();
        return TypedResults.Ok(new Page<StoreResponse>(rows, null));
    }

    public static async Task<Results<Ok<StoreResponse>, ProblemHttpResult>> Get(Guid id, Db db)
    {
        await using var c = await db.OpenAsync();
        var row = await c.QuerySingleOrDefaultAsync<StoreRow>(GetSql, new { Id = id });
        return row is null ? Problems.NotFound(Codes.Thing.Store) : TypedResults.Ok(row.ToResponse());
    }

    private sealed class StoreRow
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string City { get; init; } = "";
        public string Address { get; init; } = "";
        public string TimeZone { get; init; } = "";
        public double? Lat { get; init; }
        public double? Lon { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public StoreResponse ToResponse() => new(Id, Code, Name, City, Address, TimeZone, Lat, Lon, CreatedAt);
    }
}
