using System.Data.Common;
using Dapper;

namespace RepairDispatch.Api.Stores;

/// <summary>Stores with their districts; the version is the store's ETag.</summary>
public static class StoreReads
{
    private const string Columns = "id, code, name, city, address, time_zone, lat, lon, created_at, kind, language, version";
    private const string ListSql = "SELECT " + Columns + " FROM stores ORDER BY code";
    private const string GetSql = "SELECT " + Columns + " FROM stores WHERE id = @Id";
    private const string DistrictsSql = "SELECT store_id, district FROM store_districts ORDER BY store_id, district";
    private const string DistrictsOfSql = "SELECT store_id, district FROM store_districts WHERE store_id = @Id ORDER BY district";

    public static async Task<List<StoreResponse>> AllAsync(DbConnection c, DbTransaction? tx)
    {
        var rows = await c.QueryAsync<Row>(ListSql, transaction: tx);
        var districts = (await c.QueryAsync<DistrictRow>(DistrictsSql, transaction: tx)).ToLookup(d => d.StoreId, d => d.District);
        return rows.Select(r => r.ToResponse(districts[r.Id].ToList())).ToList();
    }

    public static async Task<(StoreResponse Store, long Version)?> ByIdAsync(DbConnection c, DbTransaction? tx, Guid id)
    {
        var row = await c.QuerySingleOrDefaultAsync<Row>(GetSql, new { Id = id }, tx);
        if (row is null) return null;
        var districts = (await c.QueryAsync<DistrictRow>(DistrictsOfSql, new { Id = id }, tx)).Select(d => d.District).ToList();
        return (row.ToResponse(districts), row.Version);
    }

    private sealed class DistrictRow
    {
        public Guid StoreId { get; init; }
        public string District { get; init; } = "";
    }

    private sealed class Row
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
        public string Kind { get; init; } = "";
        public string Language { get; init; } = "";
        public long Version { get; init; }
        public StoreResponse ToResponse(IReadOnlyList<string> districts) =>
            new(Id, Code, Name, City, Address, TimeZone, Lat, Lon, CreatedAt, Enum.Parse<StoreKind>(Kind), districts, Language);
    }
}
